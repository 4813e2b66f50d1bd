import { dueIn, formatCalendarDay } from '../lib/format';
import { useStore } from '../state/store';

/** A follow-up day as the clerk reads it: "due today", "overdue by 3 days"; the date itself on hover. */
export function DueWhen({ day, className }: { day: string; className?: string }) {
  const { info } = useStore();
  return (
    <time dateTime={day} title={formatCalendarDay(day)} className={className}>
      {dueIn(day, info.timeZone)}
    </time>
  );
}
