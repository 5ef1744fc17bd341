// The sentences the window builds from a sync status: the merge report's line, a device list, and the
// time left on a pairing code.
import type { TFunction } from 'i18next';
import type { SyncMergeReport } from '../../../../shared/sync';

/** How long the main window's line stays after a merge changed accounts. */
export const MERGE_LINE_MS = 10_000;

/** "Laptop", "Laptop and Desktop", "Laptop, Desktop and Mac mini" in the user's language. */
export function listNames(names: string[], language: string): string {
  try {
    return new Intl.ListFormat(language, { style: 'long', type: 'conjunction' }).format(names);
  } catch {
    return names.join(', ');
  }
}

/**
 * "3 accounts updated from Laptop" (and how many need a look), or null when the merge changed
 * nothing here that came from another device.
 */
export function mergeText(report: SyncMergeReport, t: TFunction, language: string): string | null {
  const from = report.from.filter((f) => f.accounts > 0);
  const count = from.reduce((sum, f) => sum + f.accounts, 0);
  const parts: string[] = [];
  if (count > 0) {
    const devices = listNames(
      from.map((f) => f.device.name),
      language,
    );
    parts.push(t('sync.merged', { count, devices }));
  }
  if (report.flagged > 0) parts.push(t('sync.mergedFlagged', { count: report.flagged }));
  return parts.length > 0 ? parts.join(language === 'ja' ? '。' : '. ') : null;
}

/** "9:41" or "1:02:00" for what is left of a pairing code (never negative). */
export function formatLeft(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}
