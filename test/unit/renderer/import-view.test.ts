// Proves the import preview's view: where each find came from, which accounts start ticked as the
// preview grows, and how much of a multi-part Google Authenticator export is still missing.
import { describe, expect, it } from 'vitest';
import type { ImportItem, ImportPreview } from '../../../shared/import';
import {
  googleExports,
  nextSelection,
  sourceLabel,
} from '../../../renderer/features/import/model/import-view';
import { translator } from './translate';

const item = (key: string, duplicateOf: string | null = null): ImportItem => ({
  key,
  issuer: key,
  label: '',
  type: 'totp',
  algorithm: 'SHA1',
  digits: 6,
  period: 30,
  counter: 0,
  duplicateOf,
  sameNameAs: null,
  repeats: 0,
  source: 'screen',
  batch: null,
});

describe('sourceLabel', () => {
  it('names the sources main reads itself, in either language', async () => {
    const en = await translator('en');
    expect(sourceLabel('screen', en)).toBe('the screen');
    expect(sourceLabel('clipboard', en)).toBe('the clipboard');
    expect(sourceLabel('text', en)).toBe('pasted text');
    const ja = await translator('ja');
    expect(sourceLabel('screen', ja)).not.toBe('the screen');
    expect(sourceLabel('screen', ja)).toBe(ja('import.sourceScreen'));
  });

  it("keeps a file's own name, even one that looks like a source word in another case", async () => {
    const en = await translator('en');
    expect(sourceLabel('aegis-export.json', en)).toBe('aegis-export.json');
    expect(sourceLabel('スクリーンショット 1.png', en)).toBe('スクリーンショット 1.png');
    expect(sourceLabel('Screen', en)).toBe('Screen');
    expect(sourceLabel('', en)).toBe('');
  });
});

describe('nextSelection', () => {
  it('ticks new accounts unless they duplicate one in the vault', () => {
    const next = nextSelection(new Set(), new Set(), [item('a'), item('dup', 'existing-id')]);
    expect([...next]).toEqual(['a']);
  });

  it("keeps the user's earlier choices for accounts already shown", () => {
    const items = [item('a'), item('b'), item('dup', 'existing-id'), item('new')];
    // a was unticked by the user, the duplicate ticked; b stays as it was.
    const next = nextSelection(new Set(['b', 'dup']), new Set(['a', 'b', 'dup']), items);
    expect([...next].sort()).toEqual(['b', 'dup', 'new']);
  });

  it('drops ticks for accounts no longer in the preview', () => {
    expect([...nextSelection(new Set(['gone', 'a']), new Set(['gone', 'a']), [item('a')])]).toEqual(
      ['a'],
    );
    expect(nextSelection(new Set(['a']), new Set(['a']), []).size).toBe(0);
  });
});

describe('googleExports', () => {
  const preview = (google: ImportPreview['google']): ImportPreview => ({
    id: 'p',
    expiresAt: 0,
    items: [],
    problems: [],
    google,
  });

  it('lists the missing parts of each multi-part export, numbered from 1 as the app shows them', () => {
    expect(
      googleExports(
        preview([
          { id: 7, size: 3, scanned: [1] },
          { id: 8, size: 2, scanned: [0, 1] },
        ]),
      ),
    ).toEqual([
      { size: 3, scanned: 1, missing: [1, 3] },
      { size: 2, scanned: 2, missing: [] },
    ]);
  });

  it('leaves out single-code exports, which need no progress', () => {
    expect(googleExports(preview([{ id: 1, size: 1, scanned: [0] }]))).toEqual([]);
    expect(googleExports(preview([]))).toEqual([]);
  });
});

describe('the duplicate rule in the preview, in both languages', () => {
  it('has a Japanese sentence for every note the preview and the Add dialog show', async () => {
    const en = await translator('en');
    const ja = await translator('ja');
    const notes: [string, Record<string, unknown>][] = [
      ['import.duplicateOf', { name: 'GitHub (alice)' }],
      ['import.sameNameAs', { name: 'GitHub (alice)' }],
      ['import.sameName', {}],
      ['import.repeats', { count: 1, total: 2 }],
      ['import.repeats', { count: 2, total: 3 }],
      ['add.sameNameAs', { name: 'GitHub (alice)' }],
      ['add.duplicateBody', {}],
    ];
    for (const [key, values] of notes) {
      const english = en(key, values);
      const japanese = ja(key, values);
      expect(english).not.toBe(key);
      expect(japanese).not.toBe(key);
      expect(japanese).not.toBe(english);
    }
    expect(en('import.repeats', { count: 1, total: 2 })).toBe(
      'Found twice in one file or scan; imported once',
    );
    expect(en('import.repeats', { count: 2, total: 3 })).toBe(
      'Found 3 times in one file or scan; imported once',
    );
    expect(ja('import.sameNameAs', { name: 'GitHub (alice)' })).toContain('GitHub (alice)');
  });
});
