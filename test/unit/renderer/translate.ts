// A real i18next instance with the renderer's English and Japanese strings, for the model functions that
// take `t`: the tests read the sentences a user reads.
import i18next, { type TFunction } from 'i18next';
import en from '../../../renderer/i18n/en.json';
import ja from '../../../renderer/i18n/ja.json';

export async function translator(language: 'en' | 'ja'): Promise<TFunction> {
  const instance = i18next.createInstance();
  await instance.init({
    resources: { en: { translation: en }, ja: { translation: ja } },
    lng: language,
    fallbackLng: 'en',
    interpolation: { escapeValue: false },
    showSupportNotice: false,
  });
  return instance.t;
}
