// One account in the list: a big copy target with names and codes, plus HOTP and menu buttons.
import { memo, useId, type DragEvent } from 'react';
import type { AccountMeta } from '../../../shared/account';
import type { CodeEntry } from '../../../shared/ipc';
import { AccountIcon } from '../icons/AccountIcon';
import { PinIcon, RefreshIcon } from '../../ui/Icons';
import { RowMenu, type RowAction } from './RowMenu';
import { SyncFlagBadge } from '../sync/SyncFlagBadge';
import { HotpCodes, TimedCodes } from './RowCodes';
import { useRowTexts } from './useRowTexts';

export type { RowAction } from './RowMenu';

/** Drag and drop by row key (an account under two tags has two rows). */
export interface RowDrag {
  start: (key: string, event: DragEvent) => void;
  over: (key: string, event: DragEvent<HTMLElement>) => void;
  drop: (key: string, event: DragEvent) => void;
  end: () => void;
}

interface AccountRowProps {
  /** The row's key in the list (model/list-view.ts). */
  rowKey: string;
  account: AccountMeta;
  entry: CodeEntry | undefined;
  skewMs: number;
  /** The next code beside the current one (Settings › List). */
  showNext: boolean;
  /** Manual order: the row can be dragged, the menu moves it. */
  reorderable: boolean;
  active: boolean;
  first: boolean;
  last: boolean;
  drop: 'before' | 'after' | null;
  dragging: boolean;
  menuSignal: number;
  onCopy: (account: AccountMeta) => void;
  onAction: (action: RowAction, account: AccountMeta, rowKey: string) => void;
  onFocusRow: (rowKey: string) => void;
  drag: RowDrag;
}

export const AccountRow = memo(function AccountRow(props: AccountRowProps) {
  const { rowKey, account, entry, skewMs, active, drop, dragging, onCopy, onAction, drag } = props;
  const texts = useRowTexts();
  const hintId = useId();
  const secondsId = useId();
  const hotp = account.type === 'hotp';
  const tabIndex = active ? 0 : -1;
  const classes = ['row', drop ? `row-drop-${drop}` : '', dragging ? 'row-dragging' : '']
    .filter(Boolean)
    .join(' ');

  return (
    <div
      className={classes}
      data-row-id={account.id}
      draggable={props.reorderable}
      onDragStart={(e) => drag.start(rowKey, e)}
      onDragOver={(e) => drag.over(rowKey, e)}
      onDrop={(e) => drag.drop(rowKey, e)}
      onDragEnd={drag.end}
      onFocus={() => props.onFocusRow(rowKey)}
    >
      <button
        type="button"
        className="row-main"
        tabIndex={tabIndex}
        // The seconds left are read with the row's description, on focus; never announced as they tick.
        aria-describedby={hotp ? hintId : `${hintId} ${secondsId}`}
        onClick={() => onCopy(account)}
      >
        <AccountIcon account={account} />
        <span className="row-names">
          <span className="row-issuer">
            {account.issuer || account.label || texts.noName}
            {account.pinned && (
              <span className="row-pin" title={texts.pinned}>
                <PinIcon size={12} aria-label={texts.pinned} role="img" aria-hidden={false} />
              </span>
            )}
          </span>
          {((account.issuer && account.label) || hotp) && (
            <span className="row-label">
              {account.issuer && account.label}
              {account.issuer && account.label && hotp && (
                <span className="row-counter-separator" aria-hidden="true">
                  ·
                </span>
              )}
              {hotp && <span className="row-counter">{texts.counter(account.counter)}</span>}
            </span>
          )}
        </span>
        {hotp ? (
          <HotpCodes entry={entry} />
        ) : (
          <TimedCodes
            entry={entry}
            skewMs={skewMs}
            secondsId={secondsId}
            showNext={props.showNext}
          />
        )}
      </button>
      <span id={hintId} hidden>
        {texts.copyHint}
      </span>
      {hotp && (
        <button
          type="button"
          className="icon-button row-hotp"
          tabIndex={tabIndex}
          aria-label={texts.hotpNext}
          title={texts.hotpNext}
          onClick={() => onAction('hotpNext', account, rowKey)}
        >
          <RefreshIcon />
        </button>
      )}
      {account.syncFlag && (
        <SyncFlagBadge account={account} flag={account.syncFlag} tabIndex={tabIndex} />
      )}
      <RowMenu
        account={account}
        tabIndex={tabIndex}
        first={props.first}
        last={props.last}
        reorderable={props.reorderable}
        openSignal={props.menuSignal}
        onAction={(action) => onAction(action, account, rowKey)}
      />
    </div>
  );
});
