// Battle.net authenticator preferences files of both Blizzard apps, made here as Aegis' BattleNetImporter and
// WinAuth describe them: the secret (and serial) XORed with Blizzard's fixed mask, as hex.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeBase32 } from '../../../shared/base32';
import { detectImportFile, readImportFile } from '../../../electron/import/formats';
import { rejection, utf8 } from '../../harness/import-samples';
import { expectAuthdeskError } from '../../harness/typed-errors';

const MASK = Buffer.from(
  '398e27fc50276a656065b0e525f4c06c04c61075286b8e7aeda59da9813b5dd6c80d2fb38068773fa59ba47c17ca6c6479015c1d5b8b8f6b9a',
  'hex',
);
const mask = (text: string) =>
  Buffer.from([...Buffer.from(text, 'latin1')].map((b, i) => b ^ MASK[i]!)).toString('hex');

const SECRET = Buffer.from('0123456789abcdef0123456789abcdef01234567', 'hex'); // 20 bytes
const SERIAL = 'US-1234-5678-9012';

function preferences(strings: Record<string, string>): Uint8Array {
  const items = Object.entries(strings)
    .map(([name, value]) => `    <string name="${name}">${value}</string>`)
    .join('\n');
  return utf8(
    `<?xml version='1.0' encoding='utf-8' standalone='yes' ?>\n<map>\n${items}\n` +
      '    <long name="com.blizzard.bma.AUTH_STORE.CLOCK_OFFSET" value="193" />\n</map>\n',
  );
}

/** The Battle.net app's file: serial and device secret each masked. */
const messengerFile = (secretHex = SECRET.toString('hex')) =>
  preferences({
    'com.blizzard.messenger.AUTHENTICATOR_SERIAL': mask(SERIAL),
    'com.blizzard.messenger.AUTHENTICATOR_DEVICE_SECRET': mask(secretHex),
  });

/** The old Battle.net Authenticator's file: 40 hex characters of secret and the serial, masked together. */
const bmaFile = () =>
  preferences({ 'com.blizzard.bma.AUTH_STORE.HASH': mask(SECRET.toString('hex') + SERIAL) });

const EXPECTED = {
  issuer: 'Battle.net',
  label: SERIAL,
  secret: encodeBase32(SECRET),
  type: 'totp',
  algorithm: 'SHA1',
  digits: 8,
  period: 30,
  counter: 0,
};

describe('Battle.net authenticator files', () => {
  it('reads the Battle.net app’s file: 8 digits every 30 s, the serial as the name', async () => {
    const bytes = messengerFile();
    const name = 'com.blizzard.messenger.authenticator_preferences.xml';
    expect(detectImportFile(bytes, name)).toEqual({ format: 'battle-net', encrypted: false });
    const found = await readImportFile(bytes, name);
    expect(found.accounts.map((a) => a.input)).toEqual([EXPECTED]);
    expect(found.problems).toEqual([]);
  });

  it('reads the old Battle.net Authenticator’s AUTH_STORE file', async () => {
    const found = await readImportFile(bmaFile(), 'com.blizzard.bma.AUTH_STORE.xml');
    expect(found.accounts.map((a) => a.input)).toEqual([EXPECTED]);
  });

  it('reports a damaged file as FILE_CORRUPT and a damaged secret as a problem', async () => {
    const cut = preferences({ 'com.blizzard.bma.AUTH_STORE.HASH': mask('0123') });
    expect(() => detectImportFile(cut, 'x.xml')).toThrow(
      /Battle.net Authenticator file cannot be read/,
    );
    const notHex = preferences({ 'com.blizzard.messenger.AUTHENTICATOR_DEVICE_SECRET': 'zz' });
    expect((await rejection(readImportFile(notHex, 'x.xml'))).code).toBe('FILE_CORRUPT');
    const found = await readImportFile(messengerFile('not hex at all'), 'x.xml');
    expect(found.accounts).toEqual([]);
    expect(found.problems.map((p) => p.code)).toEqual(['SECRET_INVALID']);
  });

  it('throws only typed errors (property)', async () => {
    const samples = [messengerFile(), bmaFile()].map((b) => Buffer.from(b).toString('utf8'));
    await fc.assert(
      fc.asyncProperty(
        fc.nat(1),
        fc.array(fc.tuple(fc.nat(2000), fc.integer({ min: 1, max: 127 })), {
          minLength: 1,
          maxLength: 4,
        }),
        async (which, edits) => {
          const chars = [...samples[which]!];
          for (const [at, m] of edits) {
            const i = at % chars.length;
            chars[i] = String.fromCharCode(chars[i]!.charCodeAt(0) ^ m);
          }
          const bytes = utf8(chars.join(''));
          try {
            detectImportFile(bytes, 'prefs.xml');
            await readImportFile(bytes, 'prefs.xml');
          } catch (error) {
            expectAuthdeskError(error);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
