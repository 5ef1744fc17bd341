// The rules for tags (shared/tags.ts) that the IPC schema, the vault, the importers and the command
// line share: a name's normal form, when two names are one tag, an account's list and the limits.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { methodArgs } from '../../shared/ipc';
import {
  checkAccountTags,
  checkTagName,
  fitAccountTags,
  fitTagName,
  hasTag,
  normalizeTagName,
  sameTag,
  tagKey,
  TagList,
  TAG_LIMITS,
  uniqueTags,
} from '../../shared/tags';
import { rawTagText, tagName } from '../harness/tag-arbitraries';
import { errorOf } from '../harness/typed-errors';

describe('a tag name', () => {
  it('is trimmed, in NFC, with each run of whitespace or control characters one space', () => {
    expect(normalizeTagName('  Side\t\tprojects \n')).toBe('Side projects');
    expect(normalizeTagName('a\u3000\u00a0b')).toBe('a b');
    expect(normalizeTagName('x\u0000\u0007y')).toBe('x y');
    expect(normalizeTagName('Cafe\u0301')).toBe('Caf\u00e9');
    expect(normalizeTagName(' \n\t ')).toBe('');
    // Emoji sequences keep their joiners: they are format characters, not spaces.
    expect(normalizeTagName('👩‍💻 dev')).toBe('👩‍💻 dev');
  });

  it('is one tag with every spelling that differs only in case or width', () => {
    expect(sameTag('Work', 'work')).toBe(true);
    expect(sameTag('WORK', 'ｗｏｒｋ')).toBe(true);
    expect(sameTag(' Side  projects', 'side projects')).toBe(true);
    expect(sameTag('Caf\u00e9', 'cafe\u0301')).toBe(true);
    expect(sameTag('Work', 'Works')).toBe(false);
    expect(sameTag('仕事', '個人')).toBe(false);
  });

  it('is refused when empty, not text or longer than 100 characters; an importer cuts it instead', () => {
    expect(checkTagName('  Work ')).toBe('Work');
    expect(checkTagName('t'.repeat(TAG_LIMITS.name))).toHaveLength(TAG_LIMITS.name);
    expect(errorOf(() => checkTagName('   ')).code).toBe('INVALID_ARGUMENT');
    expect(errorOf(() => checkTagName(7)).code).toBe('INVALID_ARGUMENT');
    expect(errorOf(() => checkTagName('t'.repeat(101), 'ACCOUNT_INVALID'))).toMatchObject({
      code: 'ACCOUNT_INVALID',
      message: expect.stringContaining('longer than 100 characters'),
    });
    expect(fitTagName('t'.repeat(150))).toBe('t'.repeat(100));
    // A cut never splits a surrogate pair: the emoji that would be halved goes whole.
    expect(fitTagName(`${'t'.repeat(99)}😀`)).toBe('t'.repeat(99));
    expect(fitTagName(42)).toBe('42');
    expect(fitTagName(null)).toBe('');
    expect(fitTagName({ name: 'x' })).toBe('');
  });

  it('agrees with the IPC schema on what a door may send', () => {
    const { createTag } = methodArgs;
    expect(createTag.safeParse({ name: ' Work ' }).success).toBe(true);
    expect(createTag.safeParse({ name: '   ' }).success).toBe(false);
    expect(createTag.safeParse({ name: 't'.repeat(101) }).success).toBe(false);
    expect(createTag.safeParse({ name: `  ${'t'.repeat(100)}  ` }).success).toBe(true);
  });
});

describe("an account's tags", () => {
  it('keep their order, drop repeats in any spelling (the first kept) and hold at most 20', () => {
    expect(checkAccountTags([' Work', 'home', 'WORK', 'Home '])).toEqual(['Work', 'home']);
    const twenty = Array.from({ length: 20 }, (_, i) => `t${i}`);
    expect(checkAccountTags(twenty)).toEqual(twenty);
    expect(errorOf(() => checkAccountTags([...twenty, 'one more'])).code).toBe('TAG_LIMIT');
    expect(errorOf(() => checkAccountTags('Work')).code).toBe('ACCOUNT_INVALID');
    expect(errorOf(() => checkAccountTags(['ok', ''])).code).toBe('ACCOUNT_INVALID');
    // From a file: what cannot be a name is passed over, and past 20 the rest are left out.
    expect(fitAccountTags(['', ' a ', null, 3, 'A', ...twenty])).toEqual([
      'a',
      '3',
      ...twenty.slice(0, 18),
    ]);
    expect(hasTag(['Work', 'Home'], 'ＨＯＭＥ')).toBe(true);
    expect(hasTag(undefined, 'Home')).toBe(false);
  });
});

describe('a vault tag list', () => {
  it("gives its own spelling back and adds new names at the end, within the vault's limit", () => {
    const list = new TagList(['Work', 'Home', 'work']);
    expect(list.names).toEqual(['Work', 'Home']);
    expect(list.adopt(['WORK', 'Games', 'home', 'games'])).toEqual(['Work', 'Games', 'Home']);
    expect(list.names).toEqual(['Work', 'Home', 'Games']);
    const full = new TagList(Array.from({ length: TAG_LIMITS.perVault }, (_, i) => `t${i}`));
    expect(full.adopt(['T1'])).toEqual(['t1']);
    expect(errorOf(() => full.adopt(['new one'])).code).toBe('TAG_LIMIT');
    expect(full.size).toBe(TAG_LIMITS.perVault);
    expect(full.adopt(['new one'], { unlimited: true })).toEqual(['new one']);
  });
});

describe('properties', () => {
  it('normalising is idempotent, and a normal name is as checkTagName and fitTagName keep it', () => {
    fc.assert(
      fc.property(rawTagText, (raw) => {
        const name = normalizeTagName(raw);
        expect(normalizeTagName(name)).toBe(name);
        expect(name).toBe(name.trim());
        // eslint-disable-next-line no-control-regex
        expect(name).not.toMatch(/\s\s|[\u0000-\u001f\t\n]/);
        if (name !== '' && name.length <= TAG_LIMITS.name) {
          expect(checkTagName(raw)).toBe(name);
          expect(fitTagName(raw)).toBe(name);
        }
        const fitted = fitTagName(raw);
        expect(fitted.length).toBeLessThanOrEqual(TAG_LIMITS.name);
        expect(fitTagName(fitted)).toBe(fitted);
      }),
      { numRuns: 300 },
    );
  });

  it('the key ignores case and width, and equal keys are one tag in every list', () => {
    fc.assert(
      fc.property(tagName, (name) => {
        // Upper case is not always undone by lower case (Greek ᾀ → ἈΙ → ἀι): those are other names.
        fc.pre(name.toUpperCase().toLowerCase() === name.toLowerCase());
        expect(tagKey(name.toUpperCase())).toBe(tagKey(name.toLowerCase()));
        expect(tagKey(name.normalize('NFKC'))).toBe(tagKey(name));
        expect(uniqueTags([name, name.toUpperCase(), name.toLowerCase()])).toEqual([name]);
      }),
      { numRuns: 200 },
    );
  });

  it('uniqueTags keeps the first of each key, in order, and nothing else', () => {
    fc.assert(
      fc.property(fc.array(tagName, { maxLength: 12 }), (names) => {
        const unique = uniqueTags(names);
        expect(new Set(unique.map(tagKey)).size).toBe(unique.length);
        expect(new Set(unique.map(tagKey))).toEqual(new Set(names.map(tagKey)));
        for (const name of unique) expect(names.find((n) => sameTag(n, name))).toBe(name);
      }),
      { numRuns: 200 },
    );
  });
});
