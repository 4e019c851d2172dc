// i18next setup. Every locales/<lang>.json is picked up at build time, so adding a language is one file.
// The language is the first of the browser's preferred languages that has a file, else English.

import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { pickLanguage } from './lib/language';

type Messages = Record<string, unknown>;

const files = import.meta.glob<Messages>('./locales/*.json', { eager: true, import: 'default' });

export const resources: Record<string, { translation: Messages }> = {};
for (const [path, messages] of Object.entries(files)) {
  const lang = /\/([^/]+)\.json$/.exec(path)?.[1];
  if (lang) resources[lang] = { translation: messages };
}

const language = pickLanguage(navigator.languages ?? [navigator.language], Object.keys(resources));

void i18n.use(initReactI18next).init({
  resources,
  lng: language,
  fallbackLng: 'en',
  interpolation: { escapeValue: false },
});

document.documentElement.lang = language;
document.documentElement.dir = i18n.dir(language);

export default i18n;
