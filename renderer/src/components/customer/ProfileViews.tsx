import { useTranslation } from 'react-i18next';
import type { ProfileViews as Views } from '@common/domain';
import { useFormat } from '../../lib/format';

/** For managers: who opened this profile, newest first, with how many openings are kept. Folded away by default. */
export function ProfileViews({ views }: { views: Views }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const who = (name: string | null) => name ?? t('views.commandLine');
  const last = views.recent[0];
  return (
    <details className="profile-views">
      <summary>
        {t('views.title')}{' '}
        <span className="muted">
          · {t('views.openings', { count: views.total })}
          {last && t('views.lastBy', { name: who(last.clerkName), when: fmt.dateTime(last.at) })}
        </span>
      </summary>
      <ol className="plain-list">
        {views.recent.map((v) => (
          <li key={`${v.at}-${v.clerkId ?? 'cli'}-${v.terminalId}`}>
            {who(v.clerkName)}{' '}
            <span className="muted">
              · {v.terminalId} · {fmt.dateTime(v.at)}
            </span>
          </li>
        ))}
      </ol>
      {views.total > views.recent.length && (
        <p className="muted small">{t('views.earlier', { count: views.total - views.recent.length })}</p>
      )}
    </details>
  );
}
