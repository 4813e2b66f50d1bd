import { addDays, isDay, longDay } from '../shared/days';

interface Props {
  day: string;
  today: string;
  onDay(day: string): void;
}

/** ← and → step a day; the date field jumps anywhere; nothing goes past today. */
export function DayPicker({ day, today, onDay }: Props) {
  return (
    // biome-ignore lint/a11y/useSemanticElements: a row of buttons and one date field, not a form section with a legend
    <div className="day-picker" role="group" aria-label="Day shown">
      <button type="button" className="btn btn-small" onClick={() => onDay(addDays(day, -1))} aria-label="Previous day">
        <span aria-hidden="true">←</span>
      </button>
      <label className="sr-only" htmlFor="review-day">
        Day
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
        aria-label="Next day"
      >
        <span aria-hidden="true">→</span>
      </button>
      <button type="button" className="btn btn-small btn-quiet" onClick={() => onDay(today)} disabled={day === today}>
        Today
      </button>
      <span className="day-long">
        {longDay(day)}
        {day === today ? ' (today)' : ''}
      </span>
    </div>
  );
}
