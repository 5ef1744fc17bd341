// Searching the brand set by name in the icon chooser: a combobox (the arrow keys move through the
// results, Enter picks one) over a list of brands with their icons.
import { useEffect, useId, useState, useSyncExternalStore, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { AccountIcon } from './AccountIcon';
import { brandMatcher, iconsVersion, loadBrands, subscribeIcons } from './icon-store';

const RESULTS = 24;

export function BrandSearch({
  initialQuery,
  chosen,
  onPick,
}: {
  initialQuery: string;
  /** The slug chosen now, marked in the list. */
  chosen: string | undefined;
  onPick: (slug: string) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [query, setQuery] = useState(initialQuery);
  const [active, setActive] = useState(0);
  useSyncExternalStore(subscribeIcons, iconsVersion);
  useEffect(() => {
    loadBrands().catch(() => undefined);
  }, []);
  const matcher = brandMatcher();
  const results = matcher ? matcher.search(query, RESULTS) : [];
  const activeIndex = Math.min(active, results.length - 1);
  const optionId = (n: number) => `${id}-option-${n}`;

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive(Math.max(0, Math.min(results.length - 1, activeIndex + step)));
    } else if (event.key === 'Enter') {
      // Enter picks the brand; it must not save the dialog's form.
      event.preventDefault();
      const brand = results[activeIndex];
      if (brand) onPick(brand.key);
    }
  };

  return (
    <div className="brand-search">
      <label className="field-label" htmlFor={`${id}-input`}>
        {t('icons.search')}
      </label>
      <input
        id={`${id}-input`}
        className="input"
        type="search"
        role="combobox"
        aria-expanded={results.length > 0}
        aria-controls={`${id}-list`}
        aria-autocomplete="list"
        aria-activedescendant={results.length > 0 ? optionId(activeIndex) : undefined}
        placeholder={t('icons.searchPlaceholder')}
        autoComplete="off"
        spellCheck={false}
        value={query}
        onChange={(event) => {
          setQuery(event.target.value);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
      />
      <ul
        id={`${id}-list`}
        role="listbox"
        className="brand-results"
        aria-label={t('icons.results')}
      >
        {results.map((brand, n) => (
          <li
            key={brand.key}
            id={optionId(n)}
            role="option"
            aria-selected={brand.key === chosen}
            className={`brand-result${n === activeIndex ? ' brand-result-active' : ''}`}
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => {
              setActive(n);
              onPick(brand.key);
            }}
          >
            <AccountIcon
              account={{ issuer: '', label: '', icon: { kind: 'brand', slug: brand.key } }}
              size={24}
            />
            <span className="brand-result-title">{brand.title}</span>
          </li>
        ))}
      </ul>
      {matcher && query.trim() !== '' && results.length === 0 && (
        <p className="field-hint" role="status">
          {t('icons.noResults')}
        </p>
      )}
    </div>
  );
}
