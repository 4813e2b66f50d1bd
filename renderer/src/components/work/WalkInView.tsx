import { useEffect, useRef, useState } from 'react';
import type { Interaction } from '../../../../common/domain';
import { formatDateTime } from '../../lib/format';
import { KIND_LABEL, OUTCOME_LABEL } from '../../lib/labels';
import { useStore } from '../../state/store';
import { WorkPanel } from './WorkPanel';

/** Logging a conversation with someone who is not (and need not be) in the customer list. */
export function WalkInView({ onNew }: { onNew(): void }) {
  const { info } = useStore();
  const [logged, setLogged] = useState<Interaction[]>([]);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);

  return (
    <div className="customer-layout">
      <section className="customer-main" aria-labelledby="walkin-h">
        <div className="card profile-card">
          <div className="profile-head">
            <h2 id="walkin-h" tabIndex={-1} ref={heading}>
              Walk-in
            </h2>
            <span className="badge">Not linked to a customer</span>
          </div>
          <p>
            For a quick question from someone who isn’t in the customer list. The entry is kept for the store’s records
            without a profile.
          </p>
          <button type="button" className="btn btn-small" onClick={onNew}>
            Create a customer instead <kbd>Alt+N</kbd>
          </button>
        </div>
        <section className="card walkin-log" aria-labelledby="walkin-logged-h">
          <h3 id="walkin-logged-h">Walk-ins logged on this screen</h3>
          {logged.length === 0 ? (
            <p className="empty-note">None yet.</p>
          ) : (
            <ul className="plain-list">
              {logged.map((i) => (
                <li key={i.id}>
                  <strong>{KIND_LABEL[i.kind]}</strong> · {OUTCOME_LABEL[i.outcome]} ·{' '}
                  <span className="muted">{formatDateTime(i.createdAt, info.timeZone)}</span>
                  {i.notes && <p className="tl-notes">{i.notes}</p>}
                </li>
              ))}
            </ul>
          )}
        </section>
      </section>
      <WorkPanel customerId={null} customerName={null} onSaved={(i) => setLogged((l) => [i, ...l])} />
    </div>
  );
}
