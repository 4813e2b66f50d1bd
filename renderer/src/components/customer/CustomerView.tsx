import { useEffect, useRef, useState } from 'react';
import type { Interaction } from '../../../../common/domain';
import { call } from '../../api/client';
import { useLoad } from '../../hooks/useLoad';
import { useTimeline } from '../../hooks/useTimeline';
import { ErrorBoundary } from '../boundary/ErrorBoundary';
import { WorkPanel } from '../work/WorkPanel';
import { ProfileSummary } from './ProfileSummary';
import { Timeline } from './Timeline';
import './customer-view.css';

/** Starts over after the customer's data is erased, so profile, history and log form all show the anonymised record. */
/** `opened` changes with each opening of the customer, the same one again included (see WorkPanel). */
export function CustomerView({ customerId, opened }: { customerId: number; opened?: object }) {
  const [generation, setGeneration] = useState(0);
  return (
    <CustomerPanels
      key={generation}
      customerId={customerId}
      opened={opened}
      onErased={() => setGeneration((g) => g + 1)}
    />
  );
}

function CustomerPanels({
  customerId,
  opened,
  onErased,
}: {
  customerId: number;
  opened?: object | undefined;
  onErased(): void;
}) {
  const profile = useLoad(`customer:${customerId}`, () => call('customers.get', { id: customerId }));
  const timeline = useTimeline(customerId);
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
        <h2>This customer could not be opened</h2>
        <p>{profile.error}</p>
        <button type="button" className="btn" onClick={profile.reload}>
          Try again
        </button>
      </div>
    );
  }

  return (
    <div className="customer-layout">
      <section className="customer-main" aria-labelledby="customer-name" aria-busy={profile.loading}>
        <ErrorBoundary what="The customer's profile" onRetry={profile.reload} resetKey={profile.data}>
          {profile.data ? (
            <ProfileSummary profile={profile.data} headingRef={heading} onErased={onErased} onSaved={profile.replace} />
          ) : (
            <div className="card profile-card is-loading">
              <h2 id="customer-name">Loading customer…</h2>
            </div>
          )}
        </ErrorBoundary>
        <ErrorBoundary what="The customer's history">
          <Timeline customerId={customerId} timeline={timeline} />
        </ErrorBoundary>
      </section>
      <ErrorBoundary what="The work panel">
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
