// Bytes of an import file as text, JSON or numbered lines; binary files are told apart here.

const utf8 = new TextDecoder('utf-8', { fatal: true });
const utf8Lenient = new TextDecoder('utf-8');

// C0 control bytes that no text file holds (tab, line breaks, form feed and Ctrl-Z excepted).
// eslint-disable-next-line no-control-regex
const BINARY_BYTES = /[\u0000-\u0008\u000e-\u0019\u001b-\u001f]/;

/**
 * The file as text without its byte order mark, or null for a binary file: one with NUL bytes (as
 * every encrypted andOTP backup has), or not UTF-8 and holding control bytes. UTF-16 with a BOM
 * (Windows Notepad's "Unicode") is read. Other text that is not UTF-8 (a list saved as Shift_JIS
 * or Windows-1252) is read with U+FFFD for what cannot be decoded: otpauth:// links are ASCII.
 */
export function decodeText(bytes: Uint8Array): string | null {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  if (bytes.includes(0)) return null;
  try {
    return utf8.decode(bytes);
  } catch {
    const text = utf8Lenient.decode(bytes);
    return BINARY_BYTES.test(text) ? null : text;
  }
}

/** Decrypted content: UTF-8 text, or null if the bytes are not valid UTF-8. */
export function decodeUtf8(bytes: Uint8Array): string | null {
  try {
    return utf8.decode(bytes);
  } catch {
    return null;
  }
}

/** The parsed value, or null when the text is not JSON (or nests absurdly deep: RangeError). */
export function parseJson(text: string): { value: unknown } | null {
  try {
    return { value: JSON.parse(text) as unknown };
  } catch {
    return null;
  }
}

/** Decrypted content as JSON: the parsed value, or null when it is not UTF-8 JSON. */
export function decryptedJson(bytes: Uint8Array): { value: unknown } | null {
  const text = decodeUtf8(bytes);
  return text === null ? null : parseJson(text);
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export interface NumberedLine {
  /** From 1, counting every line of the file. */
  number: number;
  text: string;
}

/** Lines that say something: trimmed, without blank lines and `#` or `//` comments. */
export function meaningfulLines(text: string): NumberedLine[] {
  return text
    .split(/\r\n|\r|\n/)
    .map((line, index) => ({ number: index + 1, text: line.trim() }))
    .filter(({ text: line }) => line !== '' && !line.startsWith('#') && !line.startsWith('//'));
}

/** First bytes of kinds of files that are not exports; -1 stands for any byte. */
const SIGNATURES: { bytes: number[]; says: string }[] = [
  {
    bytes: [0x89, 0x50, 0x4e, 0x47],
    says: 'This is a PNG image, not an export file. Its QR codes are read by “Import from image” in the app, or by `authdesk scan --add <image>` in a terminal.',
  },
  {
    bytes: [0xff, 0xd8, 0xff],
    says: 'This is a JPEG image, not an export file. Its QR codes are read by “Import from image” in the app, or by `authdesk scan --add <image>` in a terminal.',
  },
  {
    // "RIFF", the file size, "WEBP" (-1: any byte).
    bytes: [0x52, 0x49, 0x46, 0x46, -1, -1, -1, -1, 0x57, 0x45, 0x42, 0x50],
    says: 'This is a WebP image, not an export file. Its QR codes are read by “Import from image” in the app, or by `authdesk scan --add <image>` in a terminal.',
  },
  {
    // "GIF87a" or "GIF89a".
    bytes: [0x47, 0x49, 0x46, 0x38, -1, 0x61],
    says: 'This is a GIF image, not an export file. Its QR codes are read by “Import from image” in the app, or by `authdesk scan --add <image>` in a terminal.',
  },
  {
    // "BM", the file size, four reserved zero bytes.
    bytes: [0x42, 0x4d, -1, -1, -1, -1, 0, 0, 0, 0],
    says: 'This is a BMP image, not an export file. Its QR codes are read by “Import from image” in the app, or by `authdesk scan --add <image>` in a terminal.',
  },
  {
    // "SQLite format 3\0": the two apps' databases Authdesk reads (Google Authenticator's `databases`,
    // Microsoft Authenticator's `PhoneFactor`) are recognised before this by their accounts table.
    bytes: [...'SQLite format 3'].map((c) => c.charCodeAt(0)).concat(0),
    says:
      "This is a SQLite database, but not Google Authenticator's (`databases`) or Microsoft " +
      "Authenticator's (`PhoneFactor`), the two app databases Authdesk reads: it has no accounts " +
      'table of theirs. Export the accounts from the app they belong to and import that file instead.',
  },
  {
    bytes: [0x50, 0x4b, 0x03, 0x04],
    says: 'This is a ZIP archive. Extract the export file from it and import that file.',
  },
];

/** What a binary file is, when its first bytes say so (an image, an archive). */
export function describeBinary(bytes: Uint8Array): string | undefined {
  return SIGNATURES.find((s) =>
    s.bytes.every((b, i) => i < bytes.length && (b < 0 || bytes[i] === b)),
  )?.says;
}
