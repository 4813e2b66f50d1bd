import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Interaction } from '@common/domain';
import { useFormat } from '../../lib/format';
import { WorkPanel } from './WorkPanel';

/** Logging a conversation with someone who is not (and need not be) in the customer list. */
export function WalkInView({ onNew }: { onNew(): void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const [logged, setLogged] = useState<Interaction[]>([]);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);

  return (
    <div className="customer-layout">
      <section className="customer-main" aria-labelledby="walkin-h">
        <div className="card profile-card">
          <div className="profile-head">
            <h2 id="walkin-h" tabIndex={-1} ref={heading}>
              {t('walkIn.title')}
            </h2>
            <span className="badge">{t('walkIn.notLinked')}</span>
          </div>
          <p>{t('walkIn.about')}</p>
          <button type="button" className="btn btn-small" onClick={onNew}>
            {t('walkIn.createInstead')} <kbd>Alt+N</kbd>
          </button>
        </div>
        <section className="card walkin-log" aria-labelledby="walkin-logged-h">
          <h3 id="walkin-logged-h">{t('walkIn.logged')}</h3>
          {logged.length === 0 ? (
            <p className="empty-note">{t('walkIn.noneYet')}</p>
          ) : (
            <ul className="plain-list">
              {logged.map((i) => (
                <li key={i.id}>
                  <strong>{t(`label.kind.${i.kind}`)}</strong> · {t(`label.outcome.${i.outcome}`)} ·{' '}
                  <span className="muted">{fmt.dateTime(i.createdAt)}</span>
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
