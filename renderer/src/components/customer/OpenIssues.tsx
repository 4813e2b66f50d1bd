import { useTranslation } from 'react-i18next';
import type { OpenIssue } from '@common/domain';
import { useFormat } from '../../lib/format';
import { DueWhen } from '../DueWhen';
import { useWorkActionsRef } from '../../state/work-actions';
import './open-issues.css';

export function OpenIssues({ issues }: { issues: OpenIssue[] }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const work = useWorkActionsRef();
  if (issues.length === 0) return null;
  const overdue = issues.filter((i) => i.overdue).length;
  return (
    <section className={`issues${overdue ? ' has-overdue' : ''}`} aria-labelledby="issues-h">
      <h3 id="issues-h">
        {t('issues.title')} <span className="count">{fmt.number(issues.length)}</span>
        {overdue > 0 && <span className="badge badge-overdue">{t('issues.overdue', { count: overdue })}</span>}
      </h3>
      <ul className="issue-list">
        {issues.map((i) => (
          <li key={i.interactionId} className={`issue${i.overdue ? ' is-overdue' : ''}`}>
            <div className="issue-line">
              <strong>{t(`label.kind.${i.kind}`)}</strong>
              <span className={`outcome outcome-${i.outcome}`}>{t(`label.outcome.${i.outcome}`)}</span>
              <span className="muted">{t('issues.opened', { day: fmt.day(i.openedAt) })}</span>
              <span className={i.overdue ? 'due is-overdue' : 'due'}>
                {i.dueDate ? <DueWhen day={i.dueDate} /> : t('issues.noDueDate')}
              </span>
              <button
                type="button"
                className="btn btn-small issue-resolve"
                onClick={() => work.current?.resolveIssue(i.interactionId)}
              >
                {t('issues.resolve')}
                <span className="sr-only">
                  {' '}
                  {t('issues.resolveWhich', { kind: t(`label.kind.${i.kind}`), day: fmt.day(i.openedAt) })}
                </span>
              </button>
            </div>
            {i.notes && <p className="issue-notes">{i.notes}</p>}
          </li>
        ))}
      </ul>
    </section>
  );
}
