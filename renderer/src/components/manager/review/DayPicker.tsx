import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../lib/format';
import { addDays, isDay } from '../shared/days';

interface Props {
  day: string;
  today: string;
  onDay(day: string): void;
}

/** ← and → step a day; the date field jumps anywhere; nothing goes past today. */
export function DayPicker({ day, today, onDay }: Props) {
  const fmt = useFormat();
  const { t } = useTranslation();
  const long = fmt.weekdayDay(day);
  return (
    // biome-ignore lint/a11y/useSemanticElements: a row of buttons and one date field, not a form section with a legend
    <div className="day-picker" role="group" aria-label={t('review.day.group')}>
      <button
        type="button"
        className="btn btn-small"
        onClick={() => onDay(addDays(day, -1))}
        aria-label={t('review.day.previous')}
      >
        <span aria-hidden="true">←</span>
      </button>
      <label className="sr-only" htmlFor="review-day">
        {t('review.day.field')}
      </label>
      <input
        id="review-day"
        type="date"
        value={day}
        max={today}
        onChange={(e) => {
          const v = e.target.value;
          if (isDay(v) && v <= today) onDay(v);
        }}
      />
      <button
        type="button"
        className="btn btn-small"
        onClick={() => onDay(addDays(day, 1))}
        disabled={day >= today}
        aria-label={t('review.day.next')}
      >
        <span aria-hidden="true">→</span>
      </button>
      <button type="button" className="btn btn-small btn-quiet" onClick={() => onDay(today)} disabled={day === today}>
        {t('review.day.today')}
      </button>
      <span className="day-long">{day === today ? t('review.day.isToday', { day: long }) : long}</span>
    </div>
  );
}
