import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Interaction } from '@common/domain';
import { call } from '../../api/client';
import { useLoad } from '../../hooks/useLoad';
import { useTimeline } from '../../hooks/useTimeline';
import { useRemoteChanges } from '../../state/sync';
import { ErrorBoundary } from '../boundary/ErrorBoundary';
import { WorkPanel } from '../work/WorkPanel';
import { ProfileSummary } from './ProfileSummary';
import { Timeline } from './Timeline';
import './customer-view.css';

interface Props {
  customerId: number;
  /** `opened` changes with each opening of the customer, the same one again included (see WorkPanel). */
  opened?: object | undefined;
  /** The customer was erased at another terminal while on screen: the counter closes the profile and says so. */
  onErasedElsewhere?(): void;
}

/** Starts over after the customer's data is erased, so profile, history and log form all show the anonymised record. */
export function CustomerView(props: Props) {
  const [generation, setGeneration] = useState(0);
  return <CustomerPanels key={generation} {...props} onErased={() => setGeneration((g) => g + 1)} />;
}

function CustomerPanels({ customerId, opened, onErased, onErasedElsewhere }: Props & { onErased(): void }) {
  const { t } = useTranslation();
  const profile = useLoad(`customer:${customerId}`, () => call('customers.get', { id: customerId }));
  const timeline = useTimeline(customerId);
  // A change pulled from the hub touched this customer: read the profile and the history again, in place.
  // Live when the change came: an erasure made here comes back through the hub too, and must not read as another's.
  const liveWhenPulled = useRef(false);
  useRemoteChanges(customerId, () => {
    liveWhenPulled.current = profile.data ? !profile.data.erased : false;
    profile.reload();
    timeline.refresh();
  });
  const erasedElsewhere = Boolean(liveWhenPulled.current && profile.data?.erased);
  useEffect(() => {
    if (erasedElsewhere) onErasedElsewhere?.();
  }, [erasedElsewhere, onErasedElsewhere]);
  const heading = useRef<HTMLHeadingElement>(null);
  const focused = useRef(false);

  // Opening a customer moves focus to their name, so a screen reader announces who is on screen.
  useEffect(() => {
    if (profile.data && !focused.current) {
      focused.current = true;
      const active = document.activeElement;
      if (!active || active === document.body || active.id === 'customer-search') heading.current?.focus();
    }
  }, [profile.data]);

  const onSaved = (i: Interaction) => {
    timeline.prepend(i);
    profile.reload();
  };

  if (profile.error && !profile.data) {
    return (
      <div className="view-message" role="alert">
        <h2>{t('profile.openFailed')}</h2>
        <p>{profile.error}</p>
        <button type="button" className="btn" onClick={profile.reload}>
          {t('app.tryAgain')}
        </button>
      </div>
    );
  }

  return (
    <div className="customer-layout">
      <section className="customer-main" aria-labelledby="customer-name" aria-busy={profile.loading}>
        <ErrorBoundary what={t('boundary.profile')} onRetry={profile.reload} resetKey={profile.data}>
          {profile.data ? (
            <ProfileSummary profile={profile.data} headingRef={heading} onErased={onErased} onSaved={profile.replace} />
          ) : (
            <div className="card profile-card is-loading">
              <h2 id="customer-name">{t('profile.loading')}</h2>
            </div>
          )}
        </ErrorBoundary>
        <ErrorBoundary what={t('boundary.history')}>
          <Timeline customerId={customerId} timeline={timeline} />
        </ErrorBoundary>
      </section>
      <ErrorBoundary what={t('boundary.workPanel')}>
        <WorkPanel
          customerId={customerId}
          opened={opened}
          customerName={profile.data?.customer.displayName ?? null}
          openIssues={profile.data?.openIssues}
          onSaved={onSaved}
        />
      </ErrorBoundary>
    </div>
  );
}
