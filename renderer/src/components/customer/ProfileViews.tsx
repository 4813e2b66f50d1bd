import type { ProfileViews as Views } from '../../../../common/domain';
import { formatDateTime, plural } from '../../lib/format';

const who = (name: string | null) => name ?? 'Command line';

/** For managers: who opened this profile, newest first, with how many openings are kept. Folded away by default. */
export function ProfileViews({ views, timeZone }: { views: Views; timeZone: string }) {
  const last = views.recent[0];
  return (
    <details className="profile-views">
      <summary>
        Opened by{' '}
        <span className="muted">
          · {plural(views.total, 'opening')}
          {last && `, last by ${who(last.clerkName)} on ${formatDateTime(last.at, timeZone)}`}
        </span>
      </summary>
      <ol className="plain-list">
        {views.recent.map((v) => (
          <li key={`${v.at}-${v.clerkId ?? 'cli'}-${v.terminalId}`}>
            {who(v.clerkName)} <span className="muted">· {v.terminalId} · {formatDateTime(v.at, timeZone)}</span>
          </li>
        ))}
      </ol>
      {views.total > views.recent.length && (
        <p className="muted small">and {plural(views.total - views.recent.length, 'earlier opening')}</p>
      )}
    </details>
  );
}
