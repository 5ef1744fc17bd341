// Exports to another device: QR codes (one account, or Google Authenticator batches) and an otpauth:// list.
import QRCode from 'qrcode';
import type { Account, AccountInput } from '../../shared/account';
import { AuthdeskError } from '../../shared/errors';
import { encodeMigrationUris, migrationUnsupportedReason } from '../../shared/migration';
import { formatOtpauthUri } from '../../shared/otpauth';
import type { QrMatrix } from '../../shared/transfer';

/** The most bytes a QR code holds at error correction M in byte mode (version 40). */
export const MAX_QR_BYTES = 2331;
/** Google Authenticator's own exports hold 10 accounts per code; phones read those reliably. */
const PER_CODE = 10;
const QUIET_MODULES = 4;

/** The QR code of `text` as modules (qrcode's `create`, error correction M; byte mode). */
export function qrMatrix(text: string): QrMatrix {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > MAX_QR_BYTES) {
    throw new AuthdeskError(
      'INVALID_ARGUMENT',
      `This text is too long for a QR code (${bytes} bytes; at most ${MAX_QR_BYTES}).`,
    );
  }
  // One byte segment: the automatic split into numeric/alphanumeric parts saves little on URIs
  // and some phone scanners misread the mixed-mode codes it produces.
  const { modules } = QRCode.create([{ data: Buffer.from(text, 'utf8'), mode: 'byte' }], {
    errorCorrectionLevel: 'M',
  });
  let bits = '';
  for (const bit of modules.data) bits += bit ? '1' : '0';
  return { size: modules.size, modules: bits };
}

/**
 * Accounts as Google Authenticator export links, 10 accounts per code, with batch index/size/id
 * set; accounts Google cannot take (migrationUnsupportedReason) are skipped with their reason.
 */
export function googleExportCodes(accounts: Account[]): {
  codes: { text: string; qr: QrMatrix }[];
  skipped: { id: string; reason: string }[];
} {
  const skipped: { id: string; reason: string }[] = [];
  const kept: Account[] = [];
  for (const account of accounts) {
    const reason =
      migrationUnsupportedReason(account) ??
      (fitsOneCode([account]) ? null : 'its name is too long to fit in a QR code');
    if (reason === null) kept.push(account);
    else skipped.push({ id: account.id, reason });
  }
  if (kept.length === 0) return { codes: [], skipped };
  // Long names can make 10 accounts overflow one code; then every code holds fewer, so the batch
  // indexes and size stay those of one consistent export.
  let texts: string[] = [];
  for (const perBatch of [PER_CODE, 5, 2, 1]) {
    texts = encodeMigrationUris(kept.map(inputOf), { perBatch });
    if (texts.every((text) => text.length <= MAX_QR_BYTES)) break;
  }
  return { codes: texts.map((text) => ({ text, qr: qrMatrix(text) })), skipped };
}

function fitsOneCode(accounts: Account[]): boolean {
  return encodeMigrationUris(accounts.map(inputOf))[0]!.length <= MAX_QR_BYTES;
}

/** Only what Google's format carries; the vault's own fields (id, note, …) stay out. */
function inputOf(account: Account): AccountInput {
  const { type, algorithm, digits, period, counter, secret, issuer, label } = account;
  return { type, algorithm, digits, period, counter, secret, issuer, label };
}

/**
 * The plain-text export: a '#' comment header (what it is, when, a warning that it holds secret
 * keys) then one otpauth:// URI per line (formatOtpauthUri).
 */
export function otpauthListText(accounts: Account[], now: Date): string {
  const header = [
    `# Authdesk export: ${accounts.length} account(s) as otpauth:// links, one per line.`,
    `# Created ${now.toISOString()}.`,
    '# WARNING: this file holds the secret keys in plain text. Anyone who reads it can generate',
    '# your sign-in codes. Import it on the other device, then delete it.',
  ];
  return `${[...header, ...accounts.map(formatOtpauthUri)].join('\n')}\n`;
}

/**
 * Draws a matrix as an RGBA bitmap (white quiet zone of 4 modules, `scale` px per module), for
 * tests and the benchmark.
 */
export function renderQrRgba(
  qr: QrMatrix,
  scale: number,
): { width: number; height: number; data: Uint8Array } {
  if (!Number.isSafeInteger(scale) || scale < 1) {
    throw new AuthdeskError('INVALID_ARGUMENT', 'The scale must be a whole number of pixels.');
  }
  const width = (qr.size + 2 * QUIET_MODULES) * scale;
  const data = new Uint8Array(width * width * 4).fill(255);
  for (let y = 0; y < qr.size; y++) {
    for (let x = 0; x < qr.size; x++) {
      if (qr.modules[y * qr.size + x] !== '1') continue;
      for (let py = 0; py < scale; py++) {
        const row = ((y + QUIET_MODULES) * scale + py) * width;
        const start = (row + (x + QUIET_MODULES) * scale) * 4;
        for (let i = start; i < start + scale * 4; i += 4) data.fill(0, i, i + 3);
      }
    }
  }
  return { width, height: width, data };
}
