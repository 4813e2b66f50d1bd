import { useTranslation } from 'react-i18next';
import type { PlaybookVersion } from '@common/playbook';
import { useFormat } from '../../../lib/format';

interface Props {
  history: PlaybookVersion[];
  current: number;
  onRestore(version: number): void;
}

/** Every saved version, newest first. Restoring one saves it again as a new version; history is never rewritten. */
export function VersionHistory({ history, current, onRestore }: Props) {
  const fmt = useFormat();
  const { t } = useTranslation();
  return (
    <section className="pb-card mgr-card" aria-labelledby="pb-history-h">
      <h3 id="pb-history-h" className="pb-card-title">
        {t('playbook.history.title')}
      </h3>
      <ol className="pb-history">
        {history.map((h) => (
          <li key={h.version} className={h.version === current ? 'is-current' : undefined}>
            <span className="pb-history-v">{t('playbook.version', { version: fmt.number(h.version) })}</span>
            <span className="pb-history-who">
              <span>{h.changedByName ?? t('playbook.history.shipped')}</span>
              <span className="muted small">{fmt.dateTime(h.changedAt)}</span>
            </span>
            {h.version === current ? (
              <span className="badge">{t('playbook.history.current')}</span>
            ) : (
              <button
                type="button"
                className="btn btn-small"
                onClick={() => onRestore(h.version)}
                aria-label={t('playbook.history.restoreOf', { version: h.version })}
              >
                {t('playbook.history.restore')}
              </button>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}
