// The import in progress: sends each source to main, keeps the one open preview (later scans add to
// it), and commits or cancels it. The preview never holds a secret; main keeps those.
import { useCallback, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccountMeta } from '../../shared/account';
import type { ImportPreview, ImportProblem } from '../../shared/import';
import { call, errorCodeOf } from '../api';
import { imagePayloads } from '../model/image-payload';
import { useErrorText } from './useErrorText';
import { useToast } from './useToast';

export type ImportRequest =
  | { kind: 'screen' }
  | { kind: 'files' }
  | { kind: 'clipboard' }
  | { kind: 'images'; files: File[] }
  | { kind: 'text'; text: string };

export interface ImportState {
  preview: ImportPreview | null;
  /** Files refused before reaching main (over 50 MB), shown with main's problems. */
  localProblems: ImportProblem[];
  busy: ImportRequest['kind'] | 'commit' | null;
  /** Why the last step failed, shown in the open preview. */
  error: string | null;
}

const IDLE: ImportState = { preview: null, localProblems: [], busy: null, error: null };

async function scan(
  request: ImportRequest,
  into: string | undefined,
): Promise<{ preview: ImportPreview | null; refused: ImportProblem[] }> {
  const base = into ? { into } : {};
  switch (request.kind) {
    case 'screen':
      return { preview: await call('captureScreen', base), refused: [] };
    case 'files':
      return { preview: await call('pickImageFiles', base), refused: [] };
    case 'clipboard':
      return { preview: await call('importClipboardImage', base), refused: [] };
    case 'text':
      return { preview: await call('importText', { ...base, text: request.text }), refused: [] };
    case 'images': {
      const { calls, refused } = await imagePayloads(request.files);
      let preview = null as ImportPreview | null;
      for (const images of calls) {
        const id: string | undefined = preview?.id ?? into;
        preview = await call('importImages', id ? { images, into: id } : { images });
      }
      return { preview, refused };
    }
  }
}

export function useImport(onError: (error: unknown) => void) {
  const { t } = useTranslation();
  const { notify } = useToast();
  const errorText = useErrorText();
  const [state, setState] = useState<ImportState>(IDLE);
  // Read by the async steps, which must see the newest state rather than the one they started with.
  const latest = useRef(state);
  // Bumped when the preview closes, so that a scan still running then is not shown afterwards.
  const epoch = useRef(0);
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
        const { preview, refused } = await scan(request, into);
        if (started !== epoch.current) {
          if (preview && preview.id !== into)
            void call('cancelImport', { id: preview.id }).catch(onError);
          return;
        }
        const now = latest.current;
        const localProblems = [...(into ? now.localProblems : []), ...refused];
        if (preview) {
          update({ ...now, preview, localProblems, busy: null });
        } else {
          update({ ...now, localProblems: now.preview ? localProblems : [], busy: null });
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

  /** The accounts added, or null when the commit failed (the reason is shown). */
  const commit = useCallback(
    async (keys: string[]): Promise<AccountMeta[] | null> => {
      const now = latest.current;
      if (!now.preview || now.busy) return null;
      update({ ...now, busy: 'commit', error: null });
      try {
        const added = await call('commitImport', { id: now.preview.id, keys });
        epoch.current++;
        update(IDLE);
        return added;
      } catch (error) {
        fail(error);
        return null;
      }
    },
    [fail, update],
  );

  const cancel = useCallback(() => {
    const id = latest.current.preview?.id;
    epoch.current++;
    update(IDLE);
    if (id) call('cancelImport', { id }).catch(onError);
  }, [onError, update]);

  return { ...state, run, commit, cancel };
}

export type Importer = ReturnType<typeof useImport>;
