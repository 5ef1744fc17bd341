// Duo Mobile's accounts.json, made here field for field as Aegis' DuoImporter and its sample file describe it.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectImportFile, readImportFile } from '../../../electron/import/formats';
import { utf8 } from '../../harness/import-samples';
import { expectAuthdeskError } from '../../harness/typed-errors';

const NAME = 'accounts.json';

function duoAccount(name: string, otpGenerator?: Record<string, unknown>) {
  const pkey = `${name.toLowerCase()}-0496-4c0b-b53a-b9125eea14a3`;
  return {
    version: 1.0,
    accountType: otpGenerator ? 'OtpAccount' : 'DuoAccount',
    name,
    ...(otpGenerator && { otpGenerator }),
    logoUri: `file:///data/user/0/com.duosecurity.duomobile/files/duokit/logos/${pkey}.png`,
    pkey,
    serviceTypeLabelIsCustom: true,
  };
}

const FILE = [
  duoAccount('GitHub alice', { otpSecret: 'JBSWY3DPEHPK3PXP' }),
  duoAccount('VPN', { otpSecret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', counter: 3 }),
  duoAccount('University'),
  duoAccount('Broken', { otpSecret: 'not base32!' }),
];

const common = { issuer: '', algorithm: 'SHA1', digits: 6, period: 30 } as const;

describe('Duo Mobile accounts', () => {
  it('imports TOTP and HOTP accounts and names a Duo Push account and a damaged one', async () => {
    const bytes = utf8(JSON.stringify(FILE, null, 2));
    expect(detectImportFile(bytes, NAME)).toEqual({ format: 'duo', encrypted: false });
    const found = await readImportFile(bytes, 'anything.txt');
    expect(found.accounts.map((a) => a.input)).toEqual([
      { ...common, label: 'GitHub alice', type: 'totp', counter: 0, secret: 'JBSWY3DPEHPK3PXP' },
      {
        ...common,
        label: 'VPN',
        type: 'hotp',
        counter: 3,
        secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ',
      },
    ]);
    expect(found.problems.map((p) => [p.code, p.detail])).toEqual([
      ['ACCOUNT_PUSH_ONLY', 'entry 3: University'],
      ['SECRET_INVALID', 'entry 4: Broken'],
    ]);
    expect(found.problems[0]!.message).toMatch(/Duo Push/);
  });

  it('reports a file cut short as a damaged Duo file', () => {
    const text = JSON.stringify(FILE);
    expect(() => detectImportFile(utf8(text.slice(0, 120)), NAME)).toThrow(
      /This Duo Mobile file cannot be read/,
    );
  });

  it('throws only typed errors (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.nat(FILE.length - 1),
        fc.constantFrom('name', 'otpGenerator', 'accountType', 'pkey'),
        fc.jsonValue({ maxDepth: 2 }),
        async (index, field, value) => {
          const file = structuredClone(FILE) as Record<string, unknown>[];
          file[index]![field] = value;
          const bytes = utf8(JSON.stringify(file));
          try {
            detectImportFile(bytes, NAME);
            await readImportFile(bytes, NAME);
          } catch (error) {
            expectAuthdeskError(error);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
