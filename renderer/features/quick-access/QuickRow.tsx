// One row of quick access: the account's name, its account name, the current code with its countdown,
// and the next code (the account's icon and the accounts feature's code components, as the main list
// shows them).
import { memo } from 'react';
import type { AccountMeta } from '../../../shared/account';
import type { CodeEntry } from '../../../shared/ipc';
import { AccountIcon } from '../icons/AccountIcon';
import { HotpCodes, TimedCodes } from '../accounts/RowCodes';
import { useRowTexts } from '../accounts/useRowTexts';
import type { ShownTag } from './model/quick-tags';
import { TagPills } from '../tags/TagPills';

/** Memoised: a keystroke re-renders only the rows that came, went or changed selection. */
export const QuickRow = memo(function QuickRow({
  account,
  entry,
  skewMs,
  selected,
  tags,
  onPick,
}: {
  account: AccountMeta;
  entry: CodeEntry | undefined;
  skewMs: number;
  selected: boolean;
  /** The account's tags, when the search matched one of them (undefined otherwise: stable). */
  tags: ShownTag[] | undefined;
  /** Stable across renders (the memo depends on it). */
  onPick: (id: string, typeIt: boolean) => void;
}) {
  const texts = useRowTexts();
  const name = account.issuer || account.label || texts.noName;
  const secondsId = `quick-seconds-${account.id}`;
  return (
    <li
      id={`quick-row-${account.id}`}
      role="option"
      aria-selected={selected}
      aria-describedby={account.type === 'hotp' ? undefined : secondsId}
      className={`quick-row${selected ? ' quick-row-selected' : ''}`}
      onMouseDown={(event) => event.preventDefault()}
      onClick={(event) => onPick(account.id, event.shiftKey)}
    >
      <AccountIcon account={account} />
      <span className="quick-names">
        <span className="quick-issuer">{name}</span>
        {account.issuer && account.label && <span className="quick-label">{account.label}</span>}
        {tags && (
          <TagPills
            className="quick-tags"
            tags={tags.map((tag) => ({ name: tag.name, emphasis: tag.matched }))}
          />
        )}
      </span>
      <span className="quick-codes">
        {account.type === 'hotp' ? (
          <HotpCodes entry={entry} />
        ) : (
          <TimedCodes entry={entry} skewMs={skewMs} secondsId={secondsId} />
        )}
      </span>
    </li>
  );
});
