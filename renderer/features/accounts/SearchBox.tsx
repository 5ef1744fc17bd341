// The search field: filters as you type; Escape clears, Arrow Down enters the list, Enter copies the top match.
import type { Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { CloseIcon, SearchIcon } from '../../ui/Icons';

interface SearchBoxProps {
  value: string;
  onChange: (value: string) => void;
  onEnterList: () => void;
  onSubmit: () => void;
  /** e.g. "3 of 120" while filtering. */
  status: string | null;
  ref?: Ref<HTMLInputElement>;
}

export function SearchBox({ value, onChange, onEnterList, onSubmit, status, ref }: SearchBoxProps) {
  const { t } = useTranslation();
  return (
    <div className="search" role="search">
      <SearchIcon size={16} className="search-icon" />
      <input
        ref={ref}
        type="text"
        className="search-input"
        aria-label={t('accounts.search')}
        placeholder={t('accounts.search')}
        title={t('accounts.searchShortcut')}
        spellCheck={false}
        autoComplete="off"
        // Right after unlocking, the user usually wants one account: let them type at once.
        autoFocus
        data-focus-fallback
        // A screenshot or setup link pasted here is imported rather than searched for.
        data-paste-import
        value={value}
        onChange={(e) => onChange(e.target.value)}
        onKeyDown={(e) => {
          if (e.nativeEvent.isComposing) return;
          if (e.key === 'Escape' && value !== '') {
            e.preventDefault();
            onChange('');
          } else if (e.key === 'ArrowDown') {
            e.preventDefault();
            onEnterList();
          } else if (e.key === 'Enter') {
            e.preventDefault();
            onSubmit();
          }
        }}
      />
      {status && (
        <span className="search-status" aria-live="polite">
          {status}
        </span>
      )}
      {value !== '' && (
        <button
          type="button"
          className="icon-button icon-button-small"
          aria-label={t('accounts.clearSearch')}
          onClick={() => onChange('')}
        >
          <CloseIcon size={14} />
        </button>
      )}
    </div>
  );
}
