// The import in progress: sends each source to main, keeps the one open preview (later scans add to
// it), asks for the passwords of encrypted files, and commits, replaces or cancels it. The preview
// never holds a secret; main keeps those.
import { useCallback, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccountMeta } from '../../../shared/account';
import type { ImportPreview, ImportProblem } from '../../../shared/import';
import { call, errorCodeOf, type ApiErrorCode } from '../../api/api';
import { scan, type ImportRequest, type LockedFile } from './import-sources';
import { useErrorText } from '../../api/useErrorText';
import { useToast } from '../../ui/useToast';

export type { ImportRequest, LockedFile } from './import-sources';

export interface ImportState {
  preview: ImportPreview | null;
  /** Files refused before reaching main (too large to send), shown with main's problems. */
  localProblems: ImportProblem[];
  busy: ImportRequest['kind'] | 'commit' | 'replace' | 'unlock' | null;
  /** Why the last step failed, shown in the open preview. */
  error: string | null;
  /** Encrypted files waiting for their passwords, asked for one at a time. */
  locked: LockedFile[];
}

const IDLE: ImportState = { preview: null, localProblems: [], busy: null, error: null, locked: [] };

/** The busy states that look for QR codes (the others open a file or finish the import). */
export const isScanning = (busy: ImportState['busy']): boolean =>
  busy !== null && busy !== 'file' && busy !== 'commit' && busy !== 'replace' && busy !== 'unlock';

export function useImport(onError: (error: unknown) => void) {
  const { t } = useTranslation();
  const { notify } = useToast();
  const errorText = useErrorText();
  const [state, setState] = useState<ImportState>(IDLE);
  // Read by the async steps, which must see the newest state rather than the one they started with.
  const latest = useRef(state);
  // Bumped when the preview closes, so that a scan still running then is not shown afterwards.
  const epoch = useRef(0);
  // Files whose password dialog was closed while main was still deriving their key.
  const cancelled = useRef(new Set<string>());
  const update = useCallback((next: ImportState) => {
    latest.current = next;
    setState(next);
  }, []);

  const fail = useCallback(
    (error: unknown) => {
      const code = errorCodeOf(error);
      const open = latest.current.preview !== null;
      if (code === 'VAULT_LOCKED' || code === 'IMPORT_EXPIRED' || !open) {
        if (code === 'IMPORT_EXPIRED') epoch.current++;
        update(
          code === 'VAULT_LOCKED' || code === 'IMPORT_EXPIRED'
            ? IDLE
            : { ...latest.current, busy: null },
        );
        if (code === 'VAULT_LOCKED') onError(error);
        else notify(errorText(error), { tone: 'error' });
        return;
      }
      update({ ...latest.current, busy: null, error: errorText(error) });
    },
    [errorText, notify, onError, update],
  );

  const run = useCallback(
    async (request: ImportRequest) => {
      if (latest.current.busy) return;
      const started = epoch.current;
      const into = latest.current.preview?.id;
      update({ ...latest.current, busy: request.kind, error: null });
      try {
        const { preview, refused, locked: waiting } = await scan(request, into);
        if (started !== epoch.current) {
          if (preview && preview.id !== into)
            void call('cancelImport', { id: preview.id }).catch(onError);
          return;
        }
        const now = latest.current;
        const localProblems = [...(into ? now.localProblems : []), ...refused];
        const locked = [...now.locked, ...waiting];
        if (preview) {
          update({ ...now, preview, localProblems, busy: null, locked });
        } else {
          update({ ...now, localProblems: now.preview ? localProblems : [], busy: null, locked });
          // Every file was refused before any reached main: there is no preview to explain it in.
          if (!now.preview && refused[0]) {
            notify(`${refused[0].source}: ${t(`errors.${refused[0].code}`)}`, { tone: 'error' });
          }
        }
      } catch (error) {
        if (started === epoch.current) fail(error);
      }
    },
    [fail, notify, onError, t, update],
  );

  /** Ends the preview by adding (commit) or by replacing the vault; null when it failed (shown). */
  const finish = useCallback(
    async <T>(kind: 'commit' | 'replace', send: (id: string) => Promise<T>): Promise<T | null> => {
      const now = latest.current;
      if (!now.preview || now.busy) return null;
      update({ ...now, busy: kind, error: null });
      try {
        const result = await send(now.preview.id);
        epoch.current++;
        update(IDLE);
        return result;
      } catch (error) {
        fail(error);
        return null;
      }
    },
    [fail, update],
  );

  /** The accounts added, or null when the commit failed (the reason is shown). */
  const commit = useCallback(
    (keys: string[]): Promise<AccountMeta[] | null> =>
      finish('commit', (id) => call('commitImport', { id, keys })),
    [finish],
  );

  /** The vault becomes these accounts; main first keeps the old vault as a copy (keptCopy). */
  const replace = useCallback(
    (keys: string[]) => finish('replace', (id) => call('replaceWithImport', { id, keys })),
    [finish],
  );

  /**
   * Gives the first waiting file its password: null once it joined the preview, or the failure's
   * code for the password dialog to show (it stays open for another try).
   */
  const unlock = useCallback(
    async (password: string): Promise<ApiErrorCode | null> => {
      const now = latest.current;
      const [file] = now.locked;
      if (!file || now.busy) return null;
      const into = now.preview?.id;
      update({ ...now, busy: 'unlock', error: null });
      try {
        const args = { fileId: file.fileId, password };
        const preview = await call('unlockImportFile', into ? { ...args, into } : args);
        const after = latest.current;
        if (cancelled.current.delete(file.fileId)) {
          // Main finished before the cancel reached it. A new preview is thrown away; accounts
          // that joined the open preview stay visible there, where they can still be left out.
          if (preview.id !== into) void call('cancelImport', { id: preview.id }).catch(onError);
          else if (after.preview?.id === into) update({ ...after, preview });
          return null;
        }
        update({ ...after, preview, busy: null, locked: after.locked.filter((f) => f !== file) });
        return null;
      } catch (error) {
        if (cancelled.current.delete(file.fileId)) return null; // CANCELLED, as asked
        const code = errorCodeOf(error);
        if (code === 'VAULT_LOCKED') {
          epoch.current++;
          update(IDLE);
          onError(error);
          return null;
        }
        update({ ...latest.current, busy: null });
        return code;
      }
    },
    [onError, update],
  );

  /**
   * The password dialog was closed: that file is left out and main forgets it at once. While its
   * password is being tried this cancels that too: main stops before its next key derivation and
   * adds nothing, and the dialog goes without waiting for the derivation in flight.
   */
  const skipLocked = useCallback(() => {
    const now = latest.current;
    const [file] = now.locked;
    if (!file) return;
    const unlocking = now.busy === 'unlock';
    if (unlocking) cancelled.current.add(file.fileId);
    update({ ...now, locked: now.locked.slice(1), busy: unlocking ? null : now.busy });
    void call('cancelImportFile', { fileId: file.fileId }).catch(onError);
  }, [onError, update]);

  const cancel = useCallback(() => {
    const id = latest.current.preview?.id;
    epoch.current++;
    update(IDLE);
    if (id) call('cancelImport', { id }).catch(onError);
  }, [onError, update]);

  return { ...state, run, commit, replace, unlock, skipLocked, cancel };
}

export type Importer = ReturnType<typeof useImport>;
