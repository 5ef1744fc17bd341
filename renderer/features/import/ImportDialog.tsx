// The one preview for every import source: tick the accounts to add, see what could not be imported,
// scan the rest of a Google export, then commit. A backup can also replace the whole vault. Secrets
// stay in main; this shows names and settings.
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccountMeta } from '../../../shared/account';
import type { ImportPreview } from '../../../shared/import';
import { isScanning, type Importer } from './useImport';
import { useToast } from '../../ui/useToast';
import { googleExports, nextSelection } from './model/import-view';
import { newTagsOf } from './model/import-tags';
import { useTagList } from '../tags/useTagList';
import { BackupSummary } from './BackupSummary';
import { Dialog } from '../../ui/Dialog';
import { GoogleExportStatus } from './GoogleExportStatus';
import { ImportItemList } from './ImportItemList';
import { ImportMoreButtons } from './ImportMoreButtons';
import { ImportProblems } from './ImportProblems';
import { ReplaceConfirmDialog } from './ReplaceConfirmDialog';
import { Spinner } from '../../ui/Spinner';
import { FormError } from '../../ui/FormError';

interface ImportDialogProps {
  preview: ImportPreview;
  importer: Importer;
  accounts: AccountMeta[];
  onCommitted: (added: AccountMeta[]) => void;
}

interface Selection {
  preview: ImportPreview;
  known: Set<string>;
  selected: Set<string>;
}

const keysOf = (preview: ImportPreview) => new Set(preview.items.map((item) => item.key));

export function ImportDialog({ preview, importer, accounts, onCommitted }: ImportDialogProps) {
  const { t } = useTranslation();
  const { notify } = useToast();
  const summaryId = useId();
  const [confirmingReplace, setConfirmingReplace] = useState(false);
  const [selection, setSelection] = useState<Selection>(() => ({
    preview,
    known: keysOf(preview),
    selected: nextSelection(new Set(), new Set(), preview.items),
  }));
  // A scan added to the preview: new accounts are ticked, earlier choices stay (derived in render).
  if (selection.preview !== preview) {
    setSelection({
      preview,
      known: keysOf(preview),
      selected: nextSelection(selection.selected, selection.known, preview.items),
    });
  }
  const { selected } = selection;
  const knownTags = useTagList() ?? [];
  const newTags = newTagsOf(preview.items, selected, knownTags);
  const chosen = preview.items.filter((item) => selected.has(item.key)).map((item) => item.key);
  const exports = googleExports(preview);
  const incomplete = exports.some((e) => e.missing.length > 0);
  const committing = importer.busy === 'commit';
  const { backup } = preview;

  const toggle = (keys: string[], on: boolean) => {
    const next = new Set(selected);
    for (const key of keys) {
      if (on) next.add(key);
      else next.delete(key);
    }
    setSelection({ ...selection, selected: next });
  };

  const submit = async () => {
    if (chosen.length === 0 || importer.busy) return;
    const added = await importer.commit(chosen);
    if (added) onCommitted(added);
  };

  // Replacing takes every account found: the ticks only choose what a merge adds (duplicates start
  // unticked there, but after a replace they are not duplicates of anything).
  const replace = async () => {
    const done = await importer.replace(preview.items.map((item) => item.key));
    if (done) {
      notify(t('backup.replaced', { count: done.added.length, path: done.keptCopy }), {
        tone: 'success',
      });
    }
  };

  return (
    <>
      <Dialog
        title={t(backup ? 'backup.restoreTitle' : 'import.title')}
        onClose={importer.cancel}
        kind="import"
        describedBy={summaryId}
        footer={
          <>
            <button type="button" className="button" onClick={importer.cancel}>
              {t('common.cancel')}
            </button>
            {backup && (
              <button
                type="button"
                className="button footer-start"
                disabled={preview.items.length === 0 || importer.busy !== null}
                onClick={() => setConfirmingReplace(true)}
              >
                {t('backup.replace')}
              </button>
            )}
            <button
              type="button"
              className="button button-primary"
              disabled={chosen.length === 0 || committing}
              onClick={() => void submit()}
              data-autofocus
            >
              {committing && <Spinner />}
              {committing
                ? t('import.importing')
                : t(backup ? 'backup.merge' : 'import.submit', { count: chosen.length })}
            </button>
          </>
        }
      >
        <div className="import-body">
          {backup && <BackupSummary backup={backup} />}
          <p id={summaryId} className="import-summary" role="status" aria-live="polite">
            {preview.items.length > 0
              ? t('import.found', { count: preview.items.length })
              : t('import.foundNone')}
            {newTags.length > 0 && ` ${t('tags.importNew', { count: newTags.length })}`}
            {isScanning(importer.busy) && ` ${t('import.scanning')}`}
            {importer.busy === 'file' && ` ${t('backup.opening')}`}
          </p>
          {exports.map((e, i) => (
            <GoogleExportStatus key={i} exports={e} importer={importer} />
          ))}
          {preview.items.length > 0 && (
            <ImportItemList
              items={preview.items}
              selected={selected}
              accounts={accounts}
              knownTags={knownTags}
              onToggle={(key, on) => toggle([key], on)}
              onToggleAll={(on) => toggle([...selection.known], on)}
            />
          )}
          <ImportProblems problems={[...preview.problems, ...importer.localProblems]} />
          {!incomplete && !backup && (
            <div className="import-more">
              <span>{t('import.addMore')}</span>
              <ImportMoreButtons importer={importer} />
            </div>
          )}
          <FormError error={importer.error} />
        </div>
      </Dialog>
      {confirmingReplace && (
        <ReplaceConfirmDialog
          current={accounts.length}
          incoming={preview.items.length}
          busy={importer.busy === 'replace'}
          error={importer.error}
          onConfirm={() => void replace()}
          onClose={() => setConfirmingReplace(false)}
        />
      )}
    </>
  );
}
