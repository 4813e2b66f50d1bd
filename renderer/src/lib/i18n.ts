// The renderer's one i18next instance, bound to React. It starts in the terminal's language (the first-run screen
// has no store yet) and follows the store's locale once the store is known (LocaleProvider).
import { initReactI18next } from 'react-i18next';
import { createI18n } from '@common/i18n';

export const i18n = createI18n(navigator.language, initReactI18next);
