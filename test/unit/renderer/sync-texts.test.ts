// The sentences the window builds from a sync status: the merge line in English and Japanese (plural
// forms, several devices, flagged accounts), and the time left on a pairing code.
import { describe, expect, it } from 'vitest';
import type { SyncMergeReport } from '../../../shared/sync';
import { formatLeft, listNames, mergeText } from '../../../renderer/features/sync/model/sync-texts';
import { translator } from './translate';

const device = (name: string) => ({ id: name.toLowerCase().padEnd(32, '0'), name });
const report = (from: [string, number][], flagged = 0): SyncMergeReport => ({
  at: '2025-01-15T09:00:00.000Z',
  from: from.map(([name, accounts]) => ({ device: device(name), accounts })),
  flagged,
});

describe('mergeText', () => {
  it('names the device and counts accounts with the plural form', async () => {
    const t = await translator('en');
    expect(mergeText(report([['Laptop', 3]]), t, 'en')).toBe('3 accounts updated from Laptop');
    expect(mergeText(report([['Laptop', 1]]), t, 'en')).toBe('1 account updated from Laptop');
  });

  it('adds up several devices and lists them in the language', async () => {
    const en = await translator('en');
    expect(
      mergeText(
        report([
          ['Laptop', 2],
          ['Desktop', 1],
        ]),
        en,
        'en',
      ),
    ).toBe('3 accounts updated from Laptop and Desktop');
    const ja = await translator('ja');
    expect(
      mergeText(
        report([
          ['Laptop', 2],
          ['Desktop', 1],
        ]),
        ja,
        'ja',
      ),
    ).toBe('Laptop、Desktop から 3 件のアカウントを更新しました');
  });

  it('says how many accounts need a look, and leaves out devices that changed nothing', async () => {
    const en = await translator('en');
    expect(
      mergeText(
        report(
          [
            ['Laptop', 2],
            ['Mac mini', 0],
          ],
          1,
        ),
        en,
        'en',
      ),
    ).toBe('2 accounts updated from Laptop. 1 account needs a look: it is marked in the list.');
    const ja = await translator('ja');
    expect(mergeText(report([['Laptop', 1]], 2), ja, 'ja')).toBe(
      'Laptop から 1 件のアカウントを更新しました。確認が必要なアカウントが 2 件あります（一覧に印があります）。',
    );
  });

  it('is nothing when the merge changed nothing here', async () => {
    const en = await translator('en');
    expect(mergeText(report([['Laptop', 0]]), en, 'en')).toBeNull();
    expect(mergeText(report([]), en, 'en')).toBeNull();
  });
});

describe('listNames', () => {
  it('joins names as the language does', () => {
    expect(listNames(['Laptop'], 'en')).toBe('Laptop');
    expect(listNames(['A', 'B', 'C'], 'en')).toBe('A, B, and C');
  });
});

describe('formatLeft', () => {
  it('shows minutes and seconds, rounding up, never below zero', () => {
    expect(formatLeft(600_000)).toBe('10:00');
    expect(formatLeft(599_001)).toBe('10:00');
    expect(formatLeft(599_000)).toBe('9:59');
    expect(formatLeft(61_000)).toBe('1:01');
    expect(formatLeft(1)).toBe('0:01');
    expect(formatLeft(0)).toBe('0:00');
    expect(formatLeft(-5_000)).toBe('0:00');
    expect(formatLeft(3_723_000)).toBe('1:02:03');
  });
});
