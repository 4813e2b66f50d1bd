import type { Ref } from 'react';
import type { CustomerProfile } from '../../../../common/domain';
import { formatCalendarDay, formatDay, formatMoney } from '../../lib/format';
import { STYLE_LABEL, TIER_LABEL } from '../../lib/labels';
import { useStore } from '../../state/store';
import { OpenIssues } from './OpenIssues';
import { CustomerDataMenu } from './privacy/CustomerDataMenu';

export function ProfileSummary({
  profile,
  headingRef,
  onErased,
}: {
  profile: CustomerProfile;
  headingRef: Ref<HTMLHeadingElement>;
  /** After the customer's data was erased: show the anonymised record from scratch. */
  onErased?: () => void;
}) {
  const { info, clerk } = useStore();
  const c = profile.customer;
  const tz = info.timeZone;
  return (
    <div className="profile-card">
      <div className="profile-head">
        <h2 id="customer-name" tabIndex={-1} ref={headingRef}>
          {c.displayName}
        </h2>
        <span className={`tier tier-${profile.tier}`}>{TIER_LABEL[profile.tier]}</span>
        <span className={`style-chip style-${c.style}`} title="Communication style">
          <span className="dot" aria-hidden="true" />
          <span className="sr-only">Communication style: </span>
          {STYLE_LABEL[c.style]}
        </span>
        {clerk.role !== 'clerk' && onErased && <CustomerDataMenu customer={c} onErased={onErased} />}
      </div>
      <OpenIssues issues={profile.openIssues} />
      <dl className="facts">
        <div>
          <dt>Visits</dt>
          <dd>{profile.visitCount.toLocaleString('en-IE')}</dd>
        </div>
        <div>
          <dt>Last visit</dt>
          <dd>{profile.lastVisitAt ? formatDay(profile.lastVisitAt, tz) : 'Never'}</dd>
        </div>
        <div>
          <dt>Lifetime spend</dt>
          <dd>{formatMoney(profile.lifetimeSpendCents)}</dd>
        </div>
        <div>
          <dt>Purchases</dt>
          <dd>{profile.purchaseCount.toLocaleString('en-IE')}</dd>
        </div>
        <div>
          <dt>Customer since</dt>
          <dd>{formatDay(c.createdAt, tz)}</dd>
        </div>
      </dl>
      <dl className="contact">
        <div>
          <dt>Phone</dt>
          <dd>{c.phone ?? '—'}</dd>
        </div>
        <div>
          <dt>Email</dt>
          <dd className="wrap">{c.email ?? '—'}</dd>
        </div>
        <div>
          <dt>Loyalty card</dt>
          <dd>{c.loyaltyId ?? '—'}</dd>
        </div>
        <div>
          <dt>Marketing</dt>
          <dd>{c.marketingConsent ? 'Consented' : 'No consent'}</dd>
        </div>
        {c.birthday && (
          <div>
            <dt>Birthday</dt>
            <dd>{formatCalendarDay(c.birthday)}</dd>
          </div>
        )}
        {c.language && (
          <div>
            <dt>Language</dt>
            <dd>{c.language}</dd>
          </div>
        )}
      </dl>
      {c.tags.length > 0 && (
        <ul className="tags" aria-label="Tags">
          {c.tags.map((t) => (
            <li key={t} className="tag">
              {t}
            </li>
          ))}
        </ul>
      )}
      {c.notes && <p className="customer-notes">{c.notes}</p>}
    </div>
  );
}
