import { useFormat } from '../lib/format';

/** A follow-up day as the clerk reads it: "due today", "overdue by 3 days"; the date itself on hover. */
export function DueWhen({ day, className }: { day: string; className?: string }) {
  const fmt = useFormat();
  return (
    <time dateTime={day} title={fmt.calendarDay(day)} className={className}>
      {fmt.due(day)}
    </time>
  );
}
