// The account rules in shared/account.ts, read by every door: the IPC schema, the vault check and the
// importers agree on each text limit, Steam's parameters and the name shown in sentences.
import { describe, expect, it } from 'vitest';
import { ACCOUNT_LIMITS, STEAM_OTP, displayName, type AccountInput } from '../../shared/account';
import { accountInputSchema, accountPatchSchema } from '../../shared/ipc';
import { parseOtpauthUri } from '../../shared/otpauth';
import { steamCode } from '../../shared/otp';
import { finishAccount } from '../../electron/import/finish-account';
import { accountFromFields, describePlace } from '../../electron/import/formats/entries';
import { applyAccountPatch, checkAccountInput } from '../../electron/vault/account-input';
import { sampleInput } from '../harness/vault-fixtures';
import { errorOf } from '../harness/typed-errors';

const ARN = 'arn:aws:iam::123456789012:mfa/';
/** A value of exactly `length` UTF-16 units that the field's other rules accept. */
const FIELDS = {
  issuer: (length: number) => 'i'.repeat(length),
  label: (length: number) => 'l'.repeat(length),
  note: (length: number) => `first line\n${'n'.repeat(length - 11)}`,
  awsSerial: (length: number) => ARN + 'd'.repeat(length - ARN.length),
} satisfies Partial<Record<keyof AccountInput, (length: number) => string>>;
const LIMIT: Record<keyof typeof FIELDS, number> = {
  issuer: ACCOUNT_LIMITS.name,
  label: ACCOUNT_LIMITS.name,
  note: ACCOUNT_LIMITS.note,
  awsSerial: ACCOUNT_LIMITS.awsSerial,
};

const withField = (field: keyof typeof FIELDS, value: string) => sampleInput(1, { [field]: value });

describe('account text limits', () => {
  it('are the limits every vault was written with: names 256, tag 100 (20 an account, 1,000 a vault), note 10,000, AWS serial 9–256', () => {
    expect(ACCOUNT_LIMITS).toEqual({
      name: 256,
      tag: 100,
      tagsPerAccount: 20,
      tags: 1_000,
      note: 10_000,
      awsSerialMin: 9,
      awsSerial: 256,
    });
  });

  describe.each(Object.keys(FIELDS) as (keyof typeof FIELDS)[])('%s', (field) => {
    const limit = LIMIT[field];
    const atLimit = FIELDS[field](limit);
    const over = FIELDS[field](limit + 1);

    it(`at the limit (${limit}) the IPC schema, the vault check and the importers all keep it`, () => {
      expect(atLimit).toHaveLength(limit);
      const input = withField(field, atLimit);
      expect(accountInputSchema.safeParse(input).success).toBe(true);
      expect(accountPatchSchema.safeParse({ [field]: atLimit }).success).toBe(true);
      expect(checkAccountInput(input)[field]).toBe(atLimit);
      expect(finishAccount(input)[field]).toBe(atLimit);
      const account = {
        ...checkAccountInput(sampleInput(2)),
        id: 'a',
        createdAt: '',
        updatedAt: '',
      };
      expect(applyAccountPatch(account, { [field]: atLimit }, 'now')[field]).toBe(atLimit);
    });

    it('counts after trimming, in all three', () => {
      const padded = withField(field, `  ${atLimit}\n`);
      expect(accountInputSchema.safeParse(padded).success).toBe(true);
      expect(checkAccountInput(padded)[field]).toBe(atLimit);
      expect(finishAccount(padded)[field]).toBe(atLimit);
    });

    it(`one over the limit (${limit + 1}) the schema and the vault refuse it, and importers ${field === 'awsSerial' ? 'refuse it too' : 'cut it to the limit'}`, () => {
      const input = withField(field, over);
      expect(accountInputSchema.safeParse(input).success).toBe(false);
      expect(accountPatchSchema.safeParse({ [field]: over }).success).toBe(false);
      const refused = errorOf(() => checkAccountInput(input));
      expect(refused.code).toBe('ACCOUNT_INVALID');
      expect(refused.message).toContain(`longer than ${limit} characters`);
      if (field === 'awsSerial') {
        // A cut ARN names another device: an importer must not keep it.
        expect(errorOf(() => finishAccount(input)).code).toBe('ACCOUNT_INVALID');
      } else {
        expect(finishAccount(input)[field]).toBe(atLimit);
      }
    });
  });

  it('a tag at its limit is kept by the schema, the vault and the importers; one over is refused, or cut by an importer', () => {
    const atLimit = 't'.repeat(ACCOUNT_LIMITS.tag);
    const over = `${atLimit}u`;
    const input = sampleInput(1, { tags: [`  ${atLimit} `] });
    expect(accountInputSchema.safeParse(input).success).toBe(true);
    expect(checkAccountInput(input).tags).toEqual([atLimit]);
    expect(finishAccount(input).tags).toEqual([atLimit]);
    const overInput = sampleInput(1, { tags: [over] });
    expect(accountInputSchema.safeParse(overInput).success).toBe(false);
    expect(accountPatchSchema.safeParse({ tags: [over] }).success).toBe(false);
    expect(errorOf(() => checkAccountInput(overInput)).message).toContain(
      `longer than ${ACCOUNT_LIMITS.tag} characters`,
    );
    expect(finishAccount(overInput).tags).toEqual([atLimit]);
  });

  it('an account holds at most 20 tags: the schema and the vault refuse more (TAG_LIMIT), an importer keeps the first 20', () => {
    const names = (n: number) => Array.from({ length: n }, (_, i) => `tag ${i}`);
    const most = sampleInput(1, { tags: names(ACCOUNT_LIMITS.tagsPerAccount) });
    expect(accountInputSchema.safeParse(most).success).toBe(true);
    expect(checkAccountInput(most).tags).toHaveLength(ACCOUNT_LIMITS.tagsPerAccount);
    const tooMany = sampleInput(1, { tags: names(ACCOUNT_LIMITS.tagsPerAccount + 1) });
    expect(accountInputSchema.safeParse(tooMany).success).toBe(false);
    expect(errorOf(() => checkAccountInput(tooMany)).code).toBe('TAG_LIMIT');
    expect(finishAccount(tooMany).tags).toEqual(names(ACCOUNT_LIMITS.tagsPerAccount));
    // The same tag in another case is one tag: 21 spellings of 20 tags are within the limit.
    const spelled = sampleInput(1, { tags: [...names(20), 'TAG 0'] });
    expect(checkAccountInput(spelled).tags).toEqual(names(20));
  });

  it('an AWS serial shorter than AWS allows is refused by the vault check', () => {
    const short = 'A'.repeat(ACCOUNT_LIMITS.awsSerialMin - 1);
    expect(errorOf(() => checkAccountInput(sampleInput(1, { awsSerial: short }))).code).toBe(
      'ACCOUNT_INVALID',
    );
    const shortest = 'A'.repeat(ACCOUNT_LIMITS.awsSerialMin);
    expect(checkAccountInput(sampleInput(1, { awsSerial: shortest })).awsSerial).toBe(shortest);
  });
});

describe("Steam's fixed parameters", () => {
  const SECRET = 'JBSWY3DPEHPK3PXP';

  it('are the same from a link, from an imported entry, in the IPC schema and in the vault', () => {
    const fromLink = parseOtpauthUri(`otpauth://totp/Steam:gaben?secret=${SECRET}&encoder=steam`);
    const fromEntry = accountFromFields({
      type: 'steam',
      secret: SECRET,
      issuer: 'Steam',
      label: 'gaben',
      digits: 8,
      algorithm: 'SHA512',
    });
    for (const account of [fromLink, fromEntry]) {
      expect(account).toMatchObject(STEAM_OTP);
      expect(accountInputSchema.safeParse(account).success).toBe(true);
      expect(checkAccountInput(account)).toMatchObject(STEAM_OTP);
    }
    expect(STEAM_OTP).toEqual({
      type: 'steam',
      algorithm: 'SHA1',
      digits: 5,
      period: 30,
      counter: 0,
    });
    expect(steamCode({ secret: SECRET }, 0)).toHaveLength(STEAM_OTP.digits);
  });
});

describe('display name', () => {
  it('is "Issuer (account)", or whichever of the two exists', () => {
    expect(displayName({ issuer: 'GitHub', label: 'alice' })).toBe('GitHub (alice)');
    expect(displayName({ issuer: 'アマゾン', label: 'ルート' })).toBe('アマゾン (ルート)');
    expect(displayName({ issuer: 'GitHub', label: '' })).toBe('GitHub');
    expect(displayName({ issuer: '', label: 'alice' })).toBe('alice');
    expect(displayName({ issuer: '', label: '' })).toBe('');
  });

  it('is the one the importers name a refused entry with', () => {
    expect(describePlace('entry 4', 'GitHub', 'alice')).toBe(
      `entry 4: ${displayName({ issuer: 'GitHub', label: 'alice' })}`,
    );
    expect(describePlace('line 3', '', 'alice')).toBe('line 3: alice');
    expect(describePlace('row 2')).toBe('row 2');
  });
});
