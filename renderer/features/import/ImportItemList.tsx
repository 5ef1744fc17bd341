// The accounts found, each with a tick box: name, code settings, where it came from, and what the
// duplicate rule says: already in the vault (unticked), the same name as an account there, found twice.
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { displayName, type AccountMeta } from '../../../shared/account';
import type { ImportItem } from '../../../shared/import';
import { sourceLabel } from './model/import-view';
import { tagsAsImported } from './model/import-tags';
import { TagPills } from '../tags/TagPills';
import { AccountIcon } from '../icons/AccountIcon';
import { SelectAllCheckbox } from '../../ui/SelectAllCheckbox';

interface ImportItemListProps {
  items: ImportItem[];
  selected: ReadonlySet<string>;
  accounts: AccountMeta[];
  /** The vault's tags: an item's other tags are new. */
  knownTags: readonly string[];
  onToggle: (key: string, on: boolean) => void;
  onToggleAll: (on: boolean) => void;
}

export function ImportItemList({
  items,
  selected,
  accounts,
  knownTags,
  onToggle,
  onToggleAll,
}: ImportItemListProps) {
  const { t } = useTranslation();
  const labelId = useId();
  const count = items.filter((item) => selected.has(item.key)).length;
  return (
    <section className="import-list" aria-labelledby={labelId}>
      <div className="import-list-header">
        <h3 id={labelId} className="section-title">
          {t('import.listLabel')}
        </h3>
        {items.length > 1 && (
          <label className="import-select-all">
            <SelectAllCheckbox chosen={count} total={items.length} onChange={onToggleAll} />
            {t('import.selectAll')}
          </label>
        )}
      </div>
      <ul className="import-items">
        {items.map((item) => (
          <ImportItemRow
            key={item.key}
            item={item}
            checked={selected.has(item.key)}
            duplicate={accounts.find((a) => a.id === item.duplicateOf)}
            sameName={accounts.find((a) => a.id === item.sameNameAs)}
            knownTags={knownTags}
            onToggle={(on) => onToggle(item.key, on)}
          />
        ))}
      </ul>
    </section>
  );
}

function ImportItemRow(props: {
  item: ImportItem;
  checked: boolean;
  duplicate: AccountMeta | undefined;
  sameName: AccountMeta | undefined;
  knownTags: readonly string[];
  onToggle: (on: boolean) => void;
}) {
  const { item, checked, duplicate, sameName, onToggle } = props;
  const { t } = useTranslation();
  const title = item.issuer || item.label || t('row.noName');
  const settings =
    item.type === 'steam'
      ? t('add.advancedSummarySteam')
      : t(item.type === 'hotp' ? 'add.advancedSummaryHotp' : 'add.advancedSummary', {
          type: item.type.toUpperCase(),
          algorithm: item.algorithm,
          digits: item.digits,
          period: item.period,
          counter: item.counter,
        });
  const origin = [
    t('import.from', { source: sourceLabel(item.source, t) }),
    item.batch && item.batch.size > 1
      ? t('import.batch', { index: item.batch.index + 1, size: item.batch.size })
      : null,
  ]
    .filter(Boolean)
    .join(' · ');
  return (
    <li className={`import-item${item.duplicateOf ? ' import-item-duplicate' : ''}`}>
      <label className="import-item-label">
        <input type="checkbox" checked={checked} onChange={(e) => onToggle(e.target.checked)} />
        <AccountIcon account={item} />
        <span className="import-item-text">
          <span className="import-item-name">{title}</span>
          {item.issuer && item.label && <span className="import-item-account">{item.label}</span>}
          {item.tags && item.tags.length > 0 && (
            <TagPills tags={tagsAsImported(item.tags, props.knownTags)} />
          )}
          <span className="import-item-meta">{settings}</span>
          <span className="import-item-meta">{origin}</span>
          {item.duplicateOf && (
            <span className="import-item-duplicate-note">
              {duplicate
                ? t('import.duplicateOf', { name: displayName(duplicate) })
                : t('import.duplicate')}
            </span>
          )}
          {item.sameNameAs && (
            <span className="import-item-meta import-item-same-name">
              {sameName
                ? t('import.sameNameAs', { name: displayName(sameName) })
                : t('import.sameName')}
            </span>
          )}
          {item.repeats > 0 && (
            <span className="import-item-meta import-item-repeats">
              {t('import.repeats', { count: item.repeats, total: item.repeats + 1 })}
            </span>
          )}
        </span>
      </label>
    </li>
  );
}
