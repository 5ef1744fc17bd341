// One tag in the tag manager: its name (or the rename box), how many accounts carry it, and the
// rename and remove buttons. Alt+↑ / Alt+↓ on any of its controls move it; the row can be dragged.
import { useId, useState, type DragEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CheckIcon, CloseIcon, EditIcon, TrashIcon } from '../../ui/Icons';

export type DropPlace = 'before' | 'after';

export interface RowDrag {
  start: (name: string, event: DragEvent) => void;
  over: (name: string, event: DragEvent<HTMLElement>) => void;
  drop: (name: string, event: DragEvent) => void;
  end: () => void;
}

interface TagManagerRowProps {
  name: string;
  count: number;
  busy: boolean;
  /** The rename box is open on this row. */
  editing: boolean;
  /** The rename box's problem (empty, too long), shown under it. */
  renameProblem: string | null;
  dropMark: DropPlace | null;
  dragging: boolean;
  drag: RowDrag;
  /** The hint that says how to move a tag with the keyboard. */
  orderHintId: string;
  onStartRename: () => void;
  onRename: (typed: string) => void;
  onCancelRename: () => void;
  onRemove: () => void;
  onStep: (by: -1 | 1) => void;
}

export function TagManagerRow(props: TagManagerRowProps) {
  const { name, count, busy, editing, drag } = props;
  const { t } = useTranslation();
  const [draft, setDraft] = useState(name);
  const problemId = useId();

  const onKeyDown = (event: KeyboardEvent<HTMLLIElement>) => {
    if (!event.altKey || editing || (event.key !== 'ArrowUp' && event.key !== 'ArrowDown')) return;
    event.preventDefault();
    props.onStep(event.key === 'ArrowUp' ? -1 : 1);
  };

  const onRenameKey = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      props.onRename(draft);
    } else if (event.key === 'Escape') {
      // Closes the rename box only; the dialog stays open.
      event.preventDefault();
      event.stopPropagation();
      props.onCancelRename();
    }
  };

  const classes = [
    'tag-row',
    props.dropMark ? `tag-row-drop-${props.dropMark}` : '',
    props.dragging ? 'tag-row-dragging' : '',
  ].join(' ');

  return (
    <li
      className={classes}
      data-tag={name}
      draggable={!editing && !busy}
      onDragStart={(event) => drag.start(name, event)}
      onDragOver={(event) => drag.over(name, event)}
      onDrop={(event) => drag.drop(name, event)}
      onDragEnd={drag.end}
      onKeyDown={onKeyDown}
    >
      <span className="tag-row-grip" aria-hidden="true">
        <GripIcon />
      </span>
      {editing ? (
        <span className="tag-row-edit">
          <input
            className="input tag-row-input"
            aria-label={t('tags.renameLabel', { name })}
            aria-invalid={props.renameProblem !== null}
            aria-describedby={props.renameProblem ? problemId : undefined}
            value={draft}
            autoComplete="off"
            spellCheck={false}
            data-tag-control="input"
            onChange={(event) => setDraft(event.target.value)}
            onKeyDown={onRenameKey}
          />
          {props.renameProblem && (
            <span id={problemId} className="field-message field-message-error" role="alert">
              {props.renameProblem}
            </span>
          )}
        </span>
      ) : (
        <span className="tag-row-name">{name}</span>
      )}
      <span className="tag-row-count">
        {count === 0 ? t('tags.countNone') : t('tags.count', { count })}
      </span>
      <span className="tag-row-actions">
        {editing ? (
          <>
            <button
              type="button"
              className="icon-button icon-button-small"
              aria-label={t('tags.saveName')}
              title={t('tags.saveName')}
              disabled={busy}
              onClick={() => props.onRename(draft)}
            >
              <CheckIcon size={16} />
            </button>
            <button
              type="button"
              className="icon-button icon-button-small"
              aria-label={t('tags.cancelRename')}
              title={t('tags.cancelRename')}
              onClick={props.onCancelRename}
            >
              <CloseIcon size={16} />
            </button>
          </>
        ) : (
          <>
            <button
              type="button"
              className="icon-button icon-button-small"
              aria-label={t('tags.rename', { name })}
              title={t('tags.rename', { name })}
              aria-keyshortcuts="Alt+ArrowUp Alt+ArrowDown"
              aria-describedby={props.orderHintId}
              data-tag-control="rename"
              onClick={() => {
                if (busy) return;
                setDraft(name);
                props.onStartRename();
              }}
            >
              <EditIcon size={16} />
            </button>
            <button
              type="button"
              className="icon-button icon-button-small tag-row-remove"
              aria-label={t('tags.removeTag', { name })}
              title={t('tags.removeTag', { name })}
              aria-keyshortcuts="Alt+ArrowUp Alt+ArrowDown"
              aria-describedby={props.orderHintId}
              data-tag-control="remove"
              onClick={() => !busy && props.onRemove()}
            >
              <TrashIcon size={16} />
            </button>
          </>
        )}
      </span>
    </li>
  );
}

/** Six dots: the row can be dragged. */
function GripIcon() {
  return (
    <svg width="12" height="16" viewBox="0 0 12 16" aria-hidden="true" focusable="false">
      {[3, 8, 13].flatMap((y) =>
        [3, 9].map((x) => <circle key={`${x}-${y}`} cx={x} cy={y} r="1.4" fill="currentColor" />),
      )}
    </svg>
  );
}
