// Sync in the main window: a banner while sync is paused (the folder cannot be reached) or this
// computer was removed, and a status line for a while after a merge changed accounts here
// ("3 accounts updated from Laptop").
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AlertIcon, RefreshIcon } from '../../ui/Icons';
import { MERGE_LINE_MS, mergeText } from './model/sync-texts';
import { useSyncStatus } from './useSyncStatus';

export function SyncNotices({
  onOpenSettings,
  onError,
}: {
  onOpenSettings: () => void;
  onError: (error: unknown) => void;
}) {
  const { t, i18n } = useTranslation();
  const { status } = useSyncStatus(onError);
  // The merge the first status reported happened before this window looked: it is not news.
  const [baseline, setBaseline] = useState<string | null | undefined>(undefined);
  if (status && baseline === undefined) setBaseline(status.lastMerge?.at ?? null);
  /** The merge whose line has been shown its time. */
  const [done, setDone] = useState<string | null>(null);
  const merge = status?.lastMerge ?? null;
  const fresh =
    merge && baseline !== undefined && merge.at !== baseline && merge.at !== done ? merge : null;
  const line = fresh ? mergeText(fresh, t, i18n.language) : null;

  // Keyed by the merge, not the status object: a later status (a round that changed nothing) keeps
  // the line's time running.
  const freshAt = fresh?.at ?? null;
  useEffect(() => {
    if (freshAt === null) return;
    const timer = setTimeout(() => setDone(freshAt), MERGE_LINE_MS);
    return () => clearTimeout(timer);
  }, [freshAt]);

  const phase = status?.phase;
  const banner =
    phase === 'paused'
      ? t('sync.bannerPaused', { folder: status?.folder ?? '' })
      : phase === 'removed'
        ? t('sync.bannerRemoved')
        : null;

  return (
    <>
      {banner && (
        <div className="banner-row">
          <div className="callout callout-warning banner" role="alert" data-sync-banner={phase}>
            <AlertIcon size={18} />
            <p>{banner}</p>
            <button type="button" className="button button-compact" onClick={onOpenSettings}>
              {t('sync.openSettings')}
            </button>
          </div>
        </div>
      )}
      <div className="sync-merge-row" role="status">
        {line && (
          <p className="sync-merge-line">
            <RefreshIcon size={14} />
            {line}
          </p>
        )}
      </div>
    </>
  );
}
