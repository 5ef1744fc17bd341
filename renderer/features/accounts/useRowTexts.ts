// The texts every account row repeats, translated once per language for all the rows that show them
// (the list, quick access). A row mounts for every few pixels scrolled and every keystroke that
// changes the matches, and i18next's t() with react-i18next's useTranslation in each of a row's parts
// were a quarter of its render in a CPU profile; the rows read one shared object instead.
import i18next from 'i18next';
import { useSyncExternalStore } from 'react';

export interface RowTexts {
  noName: string;
  next: string;
  calculating: string;
  pinned: string;
  copyHint: string;
  hotpNext: string;
  secondsLeft: (count: number) => string;
  counter: (count: number) => string;
  menu: (name: string) => string;
  /** i18next's t, for what a row builds only on demand (its menu's items). */
  t: typeof i18next.t;
}

/** A text with a count, kept per count (seconds left: at most a period's worth). */
function perCount(text: (count: number) => string): (count: number) => string {
  const made = new Map<number, string>();
  return (count) => {
    let value = made.get(count);
    if (value === undefined) made.set(count, (value = text(count)));
    return value;
  };
}

function build(): RowTexts {
  const t = i18next.t.bind(i18next) as typeof i18next.t;
  return {
    noName: t('row.noName'),
    next: t('row.next'),
    calculating: t('row.calculating'),
    pinned: t('row.pinned'),
    copyHint: t('row.copyHint'),
    hotpNext: t('row.hotpNext'),
    secondsLeft: perCount((count) => t('row.secondsLeft', { count })),
    counter: perCount((count) => t('row.counter', { count })),
    menu: (name) => t('row.menu', { name }),
    t,
  };
}

let texts: RowTexts | undefined;
let textsLanguage: string | undefined;
const listeners = new Set<() => void>();
const notify = () => {
  for (const listener of listeners) listener();
};

function current(): RowTexts {
  if (texts === undefined || textsLanguage !== i18next.language) {
    texts = build();
    textsLanguage = i18next.language;
  }
  return texts;
}

function subscribe(listener: () => void): () => void {
  if (listeners.size === 0) i18next.on('languageChanged', notify);
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) i18next.off('languageChanged', notify);
  };
}

/** The row texts in the current language; a change of language renders the rows again. */
export function useRowTexts(): RowTexts {
  return useSyncExternalStore(subscribe, current);
}
