import type { OpenIssue } from '../../../../common/domain';
import { formatDay } from '../../lib/format';
import { DueWhen } from '../DueWhen';
import { KIND_LABEL, OUTCOME_LABEL } from '../../lib/labels';
import { useStore } from '../../state/store';
import { useWorkActionsRef } from '../../state/work-actions';
import './open-issues.css';

export function OpenIssues({ issues }: { issues: OpenIssue[] }) {
  const { info } = useStore();
  const work = useWorkActionsRef();
  if (issues.length === 0) return null;
  const overdue = issues.filter((i) => i.overdue).length;
  return (
    <section className={`issues${overdue ? ' has-overdue' : ''}`} aria-labelledby="issues-h">
      <h3 id="issues-h">
        Open issues <span className="count">{issues.length}</span>
        {overdue > 0 && <span className="badge badge-overdue">{overdue} overdue</span>}
      </h3>
      <ul className="issue-list">
        {issues.map((i) => (
          <li key={i.interactionId} className={`issue${i.overdue ? ' is-overdue' : ''}`}>
            <div className="issue-line">
              <strong>{KIND_LABEL[i.kind]}</strong>
              <span className={`outcome outcome-${i.outcome}`}>{OUTCOME_LABEL[i.outcome]}</span>
              <span className="muted">opened {formatDay(i.openedAt, info.timeZone)}</span>
              <span className={i.overdue ? 'due is-overdue' : 'due'}>
                {i.dueDate ? <DueWhen day={i.dueDate} /> : 'No due date'}
              </span>
              <button
                type="button"
                className="btn btn-small issue-resolve"
                onClick={() => work.current?.resolveIssue(i.interactionId)}
              >
                Resolve
                <span className="sr-only">
                  {' '}
                  the {KIND_LABEL[i.kind].toLowerCase()} from {formatDay(i.openedAt, info.timeZone)}
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
