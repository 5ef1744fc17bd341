// The sync folder main's dialog returned, shown as a path that wraps (its end matters most), with a
// button to choose another.
import { useId } from 'react';
import { useTranslation } from 'react-i18next';

export function SyncFolderField(props: { folder: string; busy: boolean; onChange: () => void }) {
  const { t } = useTranslation();
  const label = useId();
  return (
    <div className="field" role="group" aria-labelledby={label}>
      <span id={label} className="field-label">
        {t('sync.folder')}
      </span>
      <div className="backup-folder">
        <span className="backup-folder-path mono selectable">{props.folder}</span>
        <button type="button" className="button" disabled={props.busy} onClick={props.onChange}>
          {t('sync.change')}
        </button>
      </div>
    </div>
  );
}
