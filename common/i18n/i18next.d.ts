// Keys are checked by the compiler: t('profile.visits') must exist in the English catalogue (and the catalogue test
// keeps German in step with it).
import 'i18next';
import type en from './en.json';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof en };
  }
}
