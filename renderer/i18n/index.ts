// i18next set up with the bundled English and Japanese strings, and the rule that picks a language.
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { resolveLanguage as resolveSharedLanguage, type Settings } from '../../shared/settings';
import en from './en.json';
import ja from './ja.json';

// Both files must carry every key; a missing translation fails the type check here.
const jaHasEveryKey: typeof en = ja;
const enHasEveryKey: typeof ja = en;

export type UiLanguage = 'en' | 'ja';

declare module 'i18next' {
  interface CustomTypeOptions {
    resources: { translation: typeof en };
  }
}

/** The rule main's own dialogs follow too. */
export function resolveLanguage(setting: Settings['language'], systemLanguage: string): UiLanguage {
  return resolveSharedLanguage(setting, systemLanguage);
}

export function initI18n(language: UiLanguage) {
  return i18next.use(initReactI18next).init({
    resources: { en: { translation: enHasEveryKey }, ja: { translation: jaHasEveryKey } },
    lng: language,
    fallbackLng: 'en',
    // React escapes what it renders.
    interpolation: { escapeValue: false },
    returnNull: false,
    // No advertisement in the console on every load.
    showSupportNotice: false,
  });
}

export async function applyLanguage(language: UiLanguage): Promise<void> {
  document.documentElement.lang = language;
  if (i18next.language !== language) await i18next.changeLanguage(language);
}
