// The accounts an export takes: all ticked at first, select all or none, and a search when the list is long.
import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccountMeta } from '../../../shared/account';
import { buildSearchIndex, filterAccounts } from '../../../shared/account-search';
import { SearchIcon } from '../../ui/Icons';
import { SelectAllCheckbox } from '../../ui/SelectAllCheckbox';

/** Below this many accounts the whole list fits and a search would only be in the way. */
const SEARCH_FROM = 9;

interface ExportAccountPickerProps {
  /** In the order the list shows them. */
  accounts: AccountMeta[];
  selected: ReadonlySet<string>;
  onChange: (selected: ReadonlySet<string>) => void;
  /** A short remark under an account's name (e.g. why the export will leave it out). */
  note?: (account: AccountMeta) => string | null;
}

export function ExportAccountPicker({
  accounts,
  selected,
  onChange,
  note,
}: ExportAccountPickerProps) {
  const { t } = useTranslation();
  const headingId = useId();
  const [query, setQuery] = useState('');
  const index = useMemo(() => buildSearchIndex(accounts), [accounts]);
  const shown = useMemo(() => filterAccounts(index, query), [index, query]);
  const shownChosen = shown.filter((a) => selected.has(a.id)).length;

  const toggle = (ids: string[], on: boolean) => {
    const next = new Set(selected);
    for (const id of ids) {
      if (on) next.add(id);
      else next.delete(id);
    }
    onChange(next);
  };

  return (
    <section className="export-picker" aria-labelledby={headingId}>
      <div className="export-picker-header">
        <h3 id={headingId} className="section-title">
          {t('transfer.choose.title')}
        </h3>
        <span className="export-picker-count" aria-live="polite">
          {t('transfer.choose.count', { count: selected.size, total: accounts.length })}
        </span>
      </div>
      {accounts.length >= SEARCH_FROM && (
        <div className="export-picker-search">
          <SearchIcon size={15} />
          <input
            type="search"
            className="input"
            aria-label={t('transfer.choose.search')}
            placeholder={t('transfer.choose.search')}
            autoComplete="off"
            spellCheck={false}
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            onKeyDown={(e) => {
              if (e.nativeEvent.isComposing) return;
              // Enter would submit the export; Escape clears the search before it closes the dialog.
              if (e.key === 'Enter') e.preventDefault();
              if (e.key === 'Escape' && query !== '') {
                e.preventDefault();
                setQuery('');
              }
            }}
          />
        </div>
      )}
      {shown.length > 1 && (
        <label className="check export-picker-all">
          <SelectAllCheckbox
            chosen={shownChosen}
            total={shown.length}
            onChange={(on) =>
              toggle(
                shown.map((a) => a.id),
                on,
              )
            }
          />
          <span>{query.trim() ? t('transfer.choose.allShown') : t('transfer.choose.all')}</span>
        </label>
      )}
      {shown.length === 0 ? (
        <p className="export-picker-empty">{t('accounts.noMatch', { query })}</p>
      ) : (
        <ul className="export-picker-items">
          {shown.map((account) => {
            const remark = note?.(account) ?? null;
            return (
              <li key={account.id}>
                <label className="export-picker-item">
                  <input
                    type="checkbox"
                    checked={selected.has(account.id)}
                    onChange={(e) => toggle([account.id], e.target.checked)}
                  />
                  <span className="export-picker-text">
                    <span className="export-picker-name">
                      {account.issuer || account.label || t('row.noName')}
                    </span>
                    {account.issuer && account.label && (
                      <span className="export-picker-account">{account.label}</span>
                    )}
                    {remark && <span className="export-picker-note">{remark}</span>}
                  </span>
                </label>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
