// The store's locale, currency and time zone for everything below: words in the store's language (i18next), and
// dates, numbers and amounts the way the store writes them (FormatContext). `<html lang>` follows, so a screen reader
// reads German as German.
import { useMemo, type ReactNode } from 'react';
import { I18nextProvider } from 'react-i18next';
import { DEFAULT_CURRENCY, DEFAULT_LOCALE, type FormatSettings } from '@common/format';
import { canonicalLocale } from '@common/store-identity';
import { createFormat, FormatContext } from '../lib/format';
import { i18n } from '../lib/i18n';

/** Before a store exists (first run, a store that will not open): the terminal's own locale and zone. */
export function terminalSettings(): FormatSettings {
  return {
    locale: canonicalLocale(navigator.language) ?? DEFAULT_LOCALE,
    currency: DEFAULT_CURRENCY,
    timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
  };
}

export function LocaleProvider({ settings, children }: { settings: FormatSettings; children: ReactNode }) {
  const { locale, currency, timeZone } = settings;
  const format = useMemo(() => createFormat({ locale, currency, timeZone }), [locale, currency, timeZone]);
  // Resources are bundled, so the switch is immediate; done while rendering so the first frame is already right.
  if (i18n.language !== locale) void i18n.changeLanguage(locale);
  document.documentElement.lang = locale;
  return (
    <I18nextProvider i18n={i18n}>
      <FormatContext.Provider value={format}>{children}</FormatContext.Provider>
    </I18nextProvider>
  );
}
