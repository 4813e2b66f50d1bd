// The renderer's use of the one formatting module (common/format.ts): the store's Format comes from LocaleProvider,
// and the relative days ("due today", "3 days ago") are worded in the store's language.
import { createContext, useContext, useMemo } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { createFormat, type Format } from '@common/format';
import { agoWording, dueWording } from '@common/relative-day';

export interface CounterFormat extends Format {
  /** "due today", "overdue by 3 days" for a follow-up day, counted in the store's calendar days. */
  due(day: string): string;
  /** "today", "3 days ago" for an ISO timestamp, counted in the store's calendar days. */
  ago(iso: string): string;
}

export const FormatContext = createContext<Format | null>(null);

export function useFormat(): CounterFormat {
  const f = useContext(FormatContext);
  if (!f) throw new Error('useFormat outside LocaleProvider');
  const { t } = useTranslation();
  return useMemo(
    () => ({ ...f, due: (day) => dueWording(day, f.today(), t), ago: (iso) => agoWording(f.dayIn(iso), f.today(), t) }),
    [f, t],
  );
}

export { createFormat };

/**
 * "3 entries": English wording for the back-office tabs whose words are not in the catalogues yet; the number is
 * written the store's way. The counter uses the catalogue's plural keys instead.
 */
export const plural = (f: Format, n: number, one: string, many = `${one}s`): string =>
  `${f.number(n)} ${n === 1 ? one : many}`;

/** A file's size for people: "512 B", "1.5 MB" / "1,5 MB" (one decimal under 10 of a unit). */
export function fileSize(f: Format, t: TFunction, bytes: number): string {
  if (bytes < 1024) return t('size.B', { n: f.number(bytes) });
  const units = ['KB', 'MB', 'GB'] as const;
  let v = bytes / 1024;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return t(`size.${units[u]!}`, { n: f.number(v, v < 10 ? 1 : 0) });
}
