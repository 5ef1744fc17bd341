// Battle.net's authenticator, from the Android preferences file of either Blizzard app (copied off a
// rooted phone), as Aegis' BattleNetImporter and WinAuth read them:
// - the Battle.net app (com.blizzard.messenger): com.blizzard.messenger.authenticator_preferences.xml,
//   <string name="com.blizzard.messenger.AUTHENTICATOR_SERIAL"> and "…AUTHENTICATOR_DEVICE_SECRET",
//   each hex of its text XORed with Blizzard's fixed 57-byte mask; the secret's text is hex;
// - the older Battle.net Authenticator (com.blizzard.bma): com.blizzard.bma.AUTH_STORE.xml,
//   <string name="com.blizzard.bma.AUTH_STORE.HASH">, hex of 57 bytes XORed with the same mask: 40
//   hex characters of secret, then the 17-character serial ("US-1234-5678-9012").
// Codes are TOTP, SHA1, 8 digits, 30 s; the serial becomes the account name, "Battle.net" the issuer.
// The mask is not a secret: it is the same in every copy of the apps, published by both readers.
import { AuthdeskError } from '../../../shared/errors';
import { encodeBase32 } from '../../../shared/base32';
import { accountFromFields, describePlace, FoundCollector } from './entries';
import { hexBytes } from './file-crypto';
import { isRecord } from './file-text';
import { corruptFile, type OpenedFile } from './opened-file';
import { looksLikeXml, parseXml, xmlList, xmlText } from './xml';

const FORMAT = 'battle-net';
const MASK = Buffer.from(
  '398e27fc50276a656065b0e525f4c06c04c61075286b8e7aeda59da9813b5dd6c80d2fb38068773fa59ba47c17ca6c6479015c1d5b8b8f6b9a',
  'hex',
);
const SERIAL_KEY = 'com.blizzard.messenger.AUTHENTICATOR_SERIAL';
const SECRET_KEY = 'com.blizzard.messenger.AUTHENTICATOR_DEVICE_SECRET';
const HASH_KEY = 'com.blizzard.bma.AUTH_STORE.HASH';
const SECRET_HEX_CHARS = 40;

const corrupt = (why: string) => corruptFile(FORMAT, why);

/** The masked hex as its text, or null when it is not hex within the mask's length. */
function unmask(value: string): string | null {
  const bytes = hexBytes(value.trim());
  if (bytes === null || bytes.length === 0 || bytes.length > MASK.length) return null;
  return Buffer.from(bytes.map((b, i) => b ^ MASK[i]!)).toString('latin1');
}

function secretBase32(hex: string): string {
  const bytes = hexBytes(hex);
  if (bytes === null || bytes.length === 0) {
    throw new AuthdeskError(
      'SECRET_INVALID',
      'The Battle.net secret key is not the hex the app writes.',
    );
  }
  return encodeBase32(bytes);
}

function opened(serial: string, secretHex: string, source: string): OpenedFile {
  return {
    format: FORMAT,
    encrypted: false,
    read: async () => {
      const found = new FoundCollector(source);
      found.add(describePlace('authenticator', 'Battle.net', serial), () =>
        accountFromFields({
          type: 'totp',
          secret: secretBase32(secretHex),
          digits: 8,
          period: 30,
          issuer: 'Battle.net',
          label: serial,
        }),
      );
      return found.found();
    },
  };
}

/** A Blizzard preferences file: null when the text is not XML with either app's keys. */
export function openBattleNet(text: string, _name: string, source: string): OpenedFile | null {
  if (!looksLikeXml(text) || !text.includes('com.blizzard.')) return null;
  const document = parseXml(text);
  const map = document !== null && isRecord(document.map) ? document.map : null;
  if (map === null) return null;
  const strings = new Map<string, string>();
  for (const item of xmlList(map.string)) {
    if (isRecord(item) && typeof item['@_name'] === 'string') {
      strings.set(item['@_name'], xmlText(item) ?? '');
    }
  }
  const hash = strings.get(HASH_KEY);
  if (hash !== undefined) {
    const plain = unmask(hash);
    if (plain === null || plain.length <= SECRET_HEX_CHARS) {
      throw corrupt('its AUTH_STORE.HASH is not the masked secret and serial the app writes');
    }
    return opened(plain.slice(SECRET_HEX_CHARS), plain.slice(0, SECRET_HEX_CHARS), source);
  }
  const secret = strings.get(SECRET_KEY);
  if (secret === undefined) {
    if (strings.has(SERIAL_KEY)) throw corrupt('it has a serial but no device secret');
    return null;
  }
  const secretHex = unmask(secret);
  const serialText = strings.get(SERIAL_KEY);
  const serial = serialText === undefined || serialText.trim() === '' ? '' : unmask(serialText);
  if (secretHex === null || serial === null) {
    throw corrupt('its device secret or serial is not the masked hex the app writes');
  }
  return opened(serial, secretHex, source);
}
