// Quick access: the small window the global shortcut opens. The search box has the keyboard; typing
// filters as the main list does, the recently used accounts come first while it is empty; Enter
// copies the selected code and hides the window, Shift+Enter types it into the window the user came
// from, Esc or leaving the window hides it. A locked vault is unlocked inline first. Like the main
// window it only ever sees account names and codes, never a secret.
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppStatus } from '../../../shared/ipc';
import { buildSearchIndex, parseQuery } from '../../../shared/account-search';
import { call, subscribe } from '../../api/api';
import { useErrorText } from '../../api/useErrorText';
import { useLatest } from '../../ui/useLatest';
import { useAppliedLanguage } from '../../i18n/useAppliedLanguage';
import { useAccounts } from '../accounts/useAccounts';
import { useCodes } from '../accounts/useCodes';
import { useSettings } from '../settings/useSettings';
import { useTheme } from '../settings/useTheme';
import { QuickRow } from './QuickRow';
import { QuickUnlock } from './QuickUnlock';
import { useTypingStatus } from './useTypingStatus';
import { moveSelection, quickList } from './model/quick-list';
import { shownTags } from './model/quick-tags';

const hide = () => void call('hideQuickAccess').catch(() => {});

export function QuickAccessApp() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [status, setStatus] = useState<AppStatus | null>(null);
  const [error, setError] = useState<string | null>(null);
  const onError = useCallback((failure: unknown) => setError(errorText(failure)), [errorText]);
  const { settings } = useSettings(onError);
  useTheme(settings?.theme);
  const [query, setQuery] = useState('');
  /** Bumped on every show: the unlock tries the keychain again, the search gets the keyboard. */
  const [shownAt, setShownAt] = useState(0);
  const search = useRef<HTMLInputElement>(null);

  const refreshStatus = useCallback(() => call('status').then(setStatus, onError), [onError]);
  useEffect(() => void refreshStatus(), [refreshStatus]);
  useEffect(
    () =>
      subscribe('quickAccessShown', () => {
        setQuery('');
        setError(null);
        setShownAt((n) => n + 1);
        void refreshStatus();
        search.current?.focus();
      }),
    [refreshStatus],
  );
  useEffect(
    () => subscribe('locked', () => setStatus((old) => old && { ...old, vault: 'locked' })),
    [],
  );
  // Leaving the window hides it, as Esc does.
  useEffect(() => {
    window.addEventListener('blur', hide);
    return () => window.removeEventListener('blur', hide);
  }, []);

  const languageReady = useAppliedLanguage(settings, status);

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      hide();
    }
  };

  if (!status || !settings || !languageReady) return <div className="splash" />;
  const unlocked = status.vault === 'unlocked';
  return (
    <main className="quick" onKeyDown={onKeyDown}>
      <h1 className="visually-hidden">{t('quickAccess.title')}</h1>
      {unlocked ? (
        <QuickPanel
          query={query}
          setQuery={setQuery}
          search={search}
          recentIds={settings.recentAccountIds}
          shownAt={shownAt}
          onError={onError}
        />
      ) : status.vault === 'locked' ? (
        <>
          <SearchBox query={query} setQuery={setQuery} search={search} />
          <QuickUnlock
            shownAt={shownAt}
            onUnlocked={() => {
              setStatus((old) => old && { ...old, vault: 'unlocked' });
              requestAnimationFrame(() => search.current?.focus());
            }}
          />
        </>
      ) : (
        <p className="quick-empty">{t('quickAccess.noVault')}</p>
      )}
      {error && (
        <p className="quick-error" role="alert">
          {error}
        </p>
      )}
    </main>
  );
}

function SearchBox({
  query,
  setQuery,
  search,
  onKeyDown,
  activeId,
  listShown = false,
}: {
  query: string;
  setQuery: (query: string) => void;
  search: React.RefObject<HTMLInputElement | null>;
  onKeyDown?: (event: KeyboardEvent<HTMLInputElement>) => void;
  activeId?: string;
  /** The list of accounts is on screen (not while locked, nor when nothing matches). */
  listShown?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <input
      ref={search}
      className="input quick-search"
      type="search"
      role="combobox"
      aria-expanded={listShown}
      aria-controls={listShown ? 'quick-list' : undefined}
      aria-activedescendant={activeId}
      aria-label={t('quickAccess.search')}
      placeholder={t('quickAccess.search')}
      autoFocus
      spellCheck={false}
      autoComplete="off"
      value={query}
      onChange={(event) => setQuery(event.target.value)}
      onKeyDown={onKeyDown}
    />
  );
}

function QuickPanel({
  query,
  setQuery,
  search,
  recentIds,
  shownAt,
  onError,
}: {
  query: string;
  setQuery: (query: string) => void;
  search: React.RefObject<HTMLInputElement | null>;
  recentIds: readonly string[];
  shownAt: number;
  onError: (error: unknown) => void;
}) {
  const { t } = useTranslation();
  const typing = useTypingStatus();
  const { list } = useAccounts(onError);
  const codes = useCodes(onError);
  const index = useMemo(() => buildSearchIndex(list ?? []), [list]);
  const { shown, total } = useMemo(
    () => quickList(index, query, recentIds),
    [index, query, recentIds],
  );
  const parsed = useMemo(() => parseQuery(query), [query]);
  // The selection belongs to one search in one showing: a new query or a new show starts at the top.
  const searchKey = `${shownAt}\u0000${query}`;
  const [selection, setSelection] = useState({ key: searchKey, index: 0 });
  const selected = selection.key === searchKey ? selection.index : 0;
  useEffect(() => search.current?.focus(), [search, shownAt]);
  const current = shown[Math.min(selected, shown.length - 1)];

  const latestOnError = useLatest(onError);
  const pick = useCallback(
    async (id: string, typeIt: boolean) => {
      try {
        if (typeIt) {
          await call('typeCode', { id });
        } else {
          await call('copyCode', { id, which: 'current' });
          await call('hideQuickAccess');
        }
      } catch (failure) {
        latestOnError.current(failure);
      }
    },
    [latestOnError],
  );
  const onPick = useCallback((id: string, typeIt: boolean) => void pick(id, typeIt), [pick]);

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const by = event.key === 'ArrowDown' ? 1 : -1;
      setSelection({ key: searchKey, index: moveSelection(selected, shown.length, by) });
    } else if (event.key === 'Enter' && current) {
      event.preventDefault();
      void pick(current.id, event.shiftKey);
    }
  };

  return (
    <>
      <SearchBox
        query={query}
        setQuery={setQuery}
        search={search}
        onKeyDown={onKeyDown}
        activeId={current ? `quick-row-${current.id}` : undefined}
        listShown={!(list !== null && shown.length === 0)}
      />
      {list !== null && shown.length === 0 ? (
        <p className="quick-empty" role="status">
          {list.length === 0 ? t('quickAccess.noAccounts') : t('accounts.noMatch', { query })}
        </p>
      ) : (
        <ul
          id="quick-list"
          className="quick-list"
          role="listbox"
          aria-label={t('quickAccess.list')}
        >
          {shown.map((account) => (
            <QuickRow
              key={account.id}
              account={account}
              entry={codes.byId.get(account.id)}
              skewMs={codes.skewMs}
              selected={account === current}
              tags={shownTags(account.tags, parsed)}
              onPick={onPick}
            />
          ))}
        </ul>
      )}
      <p className="quick-hint" title={typing.why ?? undefined}>
        {total > shown.length && (
          <span className="quick-more">
            {t('quickAccess.more', { count: total - shown.length })}{' '}
          </span>
        )}
        {typing.why ? t('typing.quickHint') : t('quickAccess.hint')}
      </p>
    </>
  );
}
