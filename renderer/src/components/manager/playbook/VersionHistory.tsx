import type { PlaybookVersion } from '../../../../../common/playbook';
import { useFormat } from '../../../lib/format';

interface Props {
  history: PlaybookVersion[];
  current: number;
  onRestore(version: number): void;
}

/** Every saved version, newest first. Restoring one saves it again as a new version; history is never rewritten. */
export function VersionHistory({ history, current, onRestore }: Props) {
  const fmt = useFormat();
  return (
    <section className="pb-card" aria-labelledby="pb-history-h">
      <h3 id="pb-history-h" className="pb-card-title">
        Version history
      </h3>
      <ol className="pb-history">
        {history.map((h) => (
          <li key={h.version} className={h.version === current ? 'is-current' : undefined}>
            <span className="pb-history-v">v{h.version}</span>
            <span className="pb-history-who">
              <span>{h.changedByName ?? 'Shipped playbook'}</span>
              <span className="muted small">{fmt.dateTime(h.changedAt)}</span>
            </span>
            {h.version === current ? (
              <span className="badge">Current</span>
            ) : (
              <button
                type="button"
                className="btn btn-small"
                onClick={() => onRestore(h.version)}
                aria-label={`Restore version ${h.version}`}
              >
                Restore
              </button>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}
