// The tag manager: the vault's tags in their order with the number of accounts carrying each; create,
// rename inline (to another tag's name: asks, then the two merge), remove (asks; no account is
// deleted), and reorder by dragging or with Alt+↑ / Alt+↓. Main answers every change with the new
// list, and tagsChanged keeps the dialog current when another process changes the vault.
import { useEffect, useId, useRef, useState, type DragEvent, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ACCOUNT_LIMITS, type AccountMeta } from '../../../shared/account';
import { call } from '../../api/api';
import { useErrorText } from '../../api/useErrorText';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { Dialog } from '../../ui/Dialog';
import { Field } from '../../ui/Field';
import { FormError } from '../../ui/FormError';
import { accountsWithTag, checkRename, dropTag, stepTag } from './model/tag-manager';
import { normalizeTagName } from '../../../shared/tags';
import { TagManagerRow, type DropPlace, type RowDrag } from './TagManagerRow';
import { useTagList } from './useTagList';

const MIME = 'application/x-authdesk-tag';

type Confirm = { kind: 'remove'; name: string } | { kind: 'merge'; from: string; into: string };
/** A control to focus once the list has been drawn again (after a move, a rename, a removal). */
type FocusWish = { tag: string; control: 'rename' | 'remove' | 'input' } | { tag: null };

interface TagManagerDialogProps {
  accounts: readonly AccountMeta[];
  onClose: () => void;
}

export function TagManagerDialog({ accounts, onClose }: TagManagerDialogProps) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const formId = useId();
  const orderHintId = useId();
  const [error, setError] = useState<string | null>(null);
  const pushed = useTagList((failure) => setError(errorText(failure)));
  // What main answered (or a move shown before it answers), until the next push replaces it.
  const [local, setLocal] = useState<{ base: string[] | null; tags: string[] } | null>(null);
  const [moving, setMoving] = useState<string[] | null>(null);
  const tags = moving ?? (local && local.base === pushed ? local.tags : (pushed ?? []));
  const [busy, setBusy] = useState(false);
  const [newName, setNewName] = useState('');
  const [newProblem, setNewProblem] = useState<string | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const [renameProblem, setRenameProblem] = useState<string | null>(null);
  const [confirm, setConfirm] = useState<Confirm | null>(null);
  const [announcement, setAnnouncement] = useState('');
  // Every change that sets it also changes state, so the effect below runs after the new list is drawn.
  const focusWish = useRef<FocusWish | null>(null);
  const setFocusWish = (wish: FocusWish) => {
    focusWish.current = wish;
  };
  const [dragging, setDragging] = useState<string | null>(null);
  const [dropAt, setDropAt] = useState<{ tag: string; place: DropPlace } | null>(null);

  useEffect(() => {
    const wish = focusWish.current;
    if (!wish || confirm) return;
    const selector =
      wish.tag === null
        ? `[data-tag-new]`
        : `[data-tag="${CSS.escape(wish.tag)}"] [data-tag-control="${wish.control}"]`;
    const target = document.querySelector<HTMLElement>(selector);
    if (target) {
      target.focus();
      if (target instanceof HTMLInputElement && wish.tag !== null) target.select();
      focusWish.current = null;
    }
  });

  /** Runs one change in main (not a move); true when it was made. */
  const change = async (work: () => Promise<string[]>, said: string): Promise<boolean> => {
    setBusy(true);
    setError(null);
    const base = pushed;
    try {
      setLocal({ base, tags: await work() });
      setAnnouncement(said);
      return true;
    } catch (failure) {
      setError(errorText(failure));
      return false;
    } finally {
      setBusy(false);
    }
  };

  /**
   * A move is shown at once and keeps being shown until every move sent has been answered, so that
   * Alt+↑ pressed twice moves twice (main applies the calls in order); then main's list is shown.
   */
  const pendingMoves = useRef(0);
  const reorder = (next: string[], name: string, control: 'rename' | 'remove') => {
    setFocusWish({ tag: name, control });
    setMoving(next);
    setError(null);
    pendingMoves.current++;
    const base = pushed;
    call('reorderTags', { names: next })
      .then(
        (answered) => {
          if (pendingMoves.current === 1) setLocal({ base, tags: answered });
          setAnnouncement(
            t('tags.moved', { name, place: next.indexOf(name) + 1, total: next.length }),
          );
        },
        (failure: unknown) => setError(errorText(failure)),
      )
      .finally(() => {
        pendingMoves.current--;
        if (pendingMoves.current === 0) setMoving(null);
      });
  };

  const limitText = (name: string) =>
    name === ''
      ? t('tags.needName')
      : name.length > ACCOUNT_LIMITS.tag
        ? t('tags.tooLong', { max: ACCOUNT_LIMITS.tag })
        : null;

  const create = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const name = normalizeTagName(newName);
    const problem = limitText(name);
    setNewProblem(problem);
    if (problem) return;
    const done = await change(() => call('createTag', { name }), t('tags.created', { name }));
    if (done) setNewName('');
  };

  const rename = async (from: string, into: string, merge: boolean) => {
    const said = merge ? t('tags.merged', { from, into }) : t('tags.renamed', { from, to: into });
    const done = await change(() => call('renameTag', { from, to: into }), said);
    if (done) {
      setEditing(null);
      setConfirm(null);
      setFocusWish({ tag: into, control: 'rename' });
    }
  };

  const submitRename = (from: string, typed: string) => {
    const check = checkRename(tags, from, typed);
    switch (check.kind) {
      case 'empty':
        return setRenameProblem(t('tags.needName'));
      case 'tooLong':
        return setRenameProblem(t('tags.tooLong', { max: ACCOUNT_LIMITS.tag }));
      case 'unchanged':
        setEditing(null);
        return setFocusWish({ tag: from, control: 'rename' });
      case 'merge':
        return setConfirm({ kind: 'merge', from, into: check.into });
      case 'rename':
        return void rename(from, check.to, false);
    }
  };

  const remove = async (name: string) => {
    const at = tags.indexOf(name);
    const neighbour = tags[at + 1] ?? tags[at - 1];
    const done = await change(
      () => call('removeTag', { name }),
      t('tags.removedFromVault', { name }),
    );
    if (done) {
      setConfirm(null);
      setFocusWish(neighbour ? { tag: neighbour, control: 'remove' } : { tag: null });
    }
  };

  const drag: RowDrag = {
    start: (name, event) => {
      event.dataTransfer.effectAllowed = 'move';
      event.dataTransfer.setData(MIME, name);
      setDragging(name);
    },
    over: (name, event: DragEvent<HTMLElement>) => {
      if (dragging === null) return;
      event.preventDefault();
      event.dataTransfer.dropEffect = 'move';
      const rect = event.currentTarget.getBoundingClientRect();
      const place = event.clientY < rect.top + rect.height / 2 ? 'before' : 'after';
      setDropAt((old) => (old?.tag === name && old.place === place ? old : { tag: name, place }));
    },
    drop: (name, event) => {
      event.preventDefault();
      const moving = event.dataTransfer.getData(MIME) || dragging;
      const next =
        moving && dropAt?.tag === name ? dropTag(tags, moving, name, dropAt.place) : null;
      setDragging(null);
      setDropAt(null);
      if (next && moving) reorder(next, moving, 'rename');
    },
    end: () => {
      setDragging(null);
      setDropAt(null);
    },
  };

  const countOf = (name: string) => accountsWithTag(accounts, name);

  return (
    <>
      <Dialog
        title={t('tags.managerTitle')}
        onClose={onClose}
        kind="tags"
        footer={
          <button type="button" className="button button-primary" onClick={onClose}>
            {t('common.done')}
          </button>
        }
      >
        <div className="stack tag-manager">
          <p className="field-hint">{t('tags.managerIntro')}</p>
          <form id={formId} className="tag-create" onSubmit={(e) => void create(e)} noValidate>
            <Field label={t('tags.newLabel')} message={newProblem} announce>
              {({ id, describedBy, invalid }) => (
                <input
                  id={id}
                  className="input"
                  placeholder={t('tags.newPlaceholder')}
                  autoComplete="off"
                  spellCheck={false}
                  aria-describedby={describedBy}
                  aria-invalid={invalid}
                  value={newName}
                  data-tag-new
                  data-autofocus
                  onChange={(event) => {
                    setNewName(event.target.value);
                    setNewProblem(null);
                  }}
                />
              )}
            </Field>
            <button type="submit" className="button" disabled={busy}>
              {t('tags.create')}
            </button>
          </form>
          {pushed !== null && tags.length === 0 ? (
            <p className="tag-manager-empty">{t('tags.none')}</p>
          ) : (
            <>
              <ul className="tag-rows" aria-label={t('tags.listTitle')}>
                {tags.map((name) => (
                  <TagManagerRow
                    key={name}
                    name={name}
                    count={countOf(name)}
                    busy={busy}
                    editing={editing === name}
                    renameProblem={editing === name ? renameProblem : null}
                    dropMark={dropAt?.tag === name && dragging !== name ? dropAt.place : null}
                    dragging={dragging === name}
                    drag={drag}
                    orderHintId={orderHintId}
                    onStartRename={() => {
                      setEditing(name);
                      setRenameProblem(null);
                      setFocusWish({ tag: name, control: 'input' });
                    }}
                    onRename={(typed) => submitRename(name, typed)}
                    onCancelRename={() => {
                      setEditing(null);
                      setFocusWish({ tag: name, control: 'rename' });
                    }}
                    onRemove={() => setConfirm({ kind: 'remove', name })}
                    onStep={(by) => {
                      const next = stepTag(tags, name, by);
                      const control =
                        document.activeElement?.getAttribute('data-tag-control') === 'remove'
                          ? 'remove'
                          : 'rename';
                      if (next && !busy) reorder(next, name, control);
                    }}
                  />
                ))}
              </ul>
              <p id={orderHintId} className="field-hint">
                {t('tags.orderHint')}
              </p>
            </>
          )}
          <FormError error={confirm ? null : error} />
        </div>
        <p className="visually-hidden" role="status" aria-live="polite">
          {announcement}
        </p>
      </Dialog>
      {confirm?.kind === 'remove' && (
        <ConfirmDialog
          title={t('tags.removeTitle', { name: confirm.name })}
          confirmLabel={t('tags.removeConfirm')}
          busyLabel={t('tags.removing')}
          busy={busy}
          error={error}
          onConfirm={() => void remove(confirm.name)}
          onClose={() => {
            setConfirm(null);
            setError(null);
          }}
        >
          <p>
            {countOf(confirm.name) === 0
              ? t('tags.removeBodyUnused')
              : t('tags.removeBody', { count: countOf(confirm.name) })}
          </p>
          <p>{t('tags.removeNoDelete')}</p>
        </ConfirmDialog>
      )}
      {confirm?.kind === 'merge' && (
        <ConfirmDialog
          title={t('tags.mergeTitle', { from: confirm.from, into: confirm.into })}
          confirmLabel={t('tags.mergeConfirm')}
          busyLabel={t('tags.merging')}
          busy={busy}
          error={error}
          onConfirm={() => void rename(confirm.from, confirm.into, true)}
          onClose={() => {
            setConfirm(null);
            setError(null);
            setFocusWish({ tag: confirm.from, control: 'input' });
          }}
        >
          <p>
            {t('tags.mergeBody', {
              count: countOf(confirm.from),
              from: confirm.from,
              into: confirm.into,
            })}
          </p>
          <p>{t('tags.removeNoDelete')}</p>
        </ConfirmDialog>
      )}
    </>
  );
}
