// The import preview as the dialog shows it: where each find came from, which accounts start ticked,
// and how far a multi-part Google Authenticator export has been scanned.
import type { TFunction } from 'i18next';
import type { ImportItem, ImportPreview } from '../../../../shared/import';

/** Main names the sources it reads itself; a file keeps its own name. */
export function sourceLabel(source: string, t: TFunction): string {
  if (source === 'screen') return t('import.sourceScreen');
  if (source === 'clipboard') return t('import.sourceClipboard');
  if (source === 'text') return t('import.sourceText');
  return source;
}

/**
 * The ticks after the preview changed: the user's earlier choices stay; accounts new to the preview
 * are ticked unless they duplicate one already in the vault.
 */
export function nextSelection(
  selected: ReadonlySet<string>,
  known: ReadonlySet<string>,
  items: readonly ImportItem[],
): Set<string> {
  const next = new Set<string>();
  for (const item of items) {
    const keep = known.has(item.key) ? selected.has(item.key) : item.duplicateOf === null;
    if (keep) next.add(item.key);
  }
  return next;
}

export interface GoogleExportView {
  size: number;
  scanned: number;
  /** 1-based, as Google Authenticator numbers its QR codes. */
  missing: number[];
}

/** Exports split over several QR codes; a one-code export needs no progress. */
export function googleExports(preview: ImportPreview): GoogleExportView[] {
  return preview.google
    .filter((g) => g.size > 1)
    .map((g) => ({
      size: g.size,
      scanned: g.scanned.length,
      missing: Array.from({ length: g.size }, (_, i) => i)
        .filter((i) => !g.scanned.includes(i))
        .map((i) => i + 1),
    }));
}
