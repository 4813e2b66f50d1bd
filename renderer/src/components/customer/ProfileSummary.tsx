import { useEffect, useRef, useState, type Ref } from 'react';
import type { CustomerField } from '../../../../common/contract';
import type { CustomerProfile } from '../../../../common/domain';
import { STYLE_GUIDE } from '../../../../common/styles';
import { formatCalendarDay, formatDay, formatMoney } from '../../lib/format';
import { TIER_LABEL } from '../../lib/labels';
import { useFeedback } from '../../state/feedback';
import { useStore } from '../../state/store';
import { OpenIssues } from './OpenIssues';
import { FIELD_LABEL, ProfileEditForm } from './ProfileEditForm';
import { ProfileViews } from './ProfileViews';
import { CustomerDataMenu } from './privacy/CustomerDataMenu';
import './profile.css';

/** The id Alt+P clicks: the counter's shortcut opens the edit form of whichever profile is on screen. */
export const EDIT_PROFILE_BUTTON = 'edit-profile';

export function ProfileSummary({
  profile,
  headingRef,
  onErased,
  onSaved,
}: {
  profile: CustomerProfile;
  headingRef: Ref<HTMLHeadingElement>;
  /** After the customer's data was erased: show the anonymised record from scratch. */
  onErased?: () => void;
  /** After an edit was saved: the profile as the main process returned it. */
  onSaved?: (p: CustomerProfile) => void;
}) {
  const { info, clerk } = useStore();
  const { announce } = useFeedback();
  const [editing, setEditing] = useState(false);
  const editButton = useRef<HTMLButtonElement>(null);
  const c = profile.customer;
  const tz = info.timeZone;
  const style = STYLE_GUIDE[c.style];
  const canEdit = Boolean(onSaved) && !profile.erased;

  const returnFocus = useRef(false);
  // Back to where the clerk started, once the form is gone and the button is there again.
  useEffect(() => {
    if (editing || !returnFocus.current) return;
    returnFocus.current = false;
    editButton.current?.focus();
  }, [editing]);
  const closeEditor = () => {
    returnFocus.current = true;
    setEditing(false);
  };
  const saved = (p: CustomerProfile, changed: CustomerField[]) => {
    if (changed.length) {
      onSaved?.(p);
      announce(`Profile saved: ${changed.map((f) => FIELD_LABEL[f]).join(', ')} changed`);
    } else announce('Nothing changed');
    closeEditor();
  };

  return (
    <div className={`card profile-card${editing ? ' is-editing' : ''}`}>
      <div className="profile-head">
        <h2 id="customer-name" tabIndex={-1} ref={headingRef}>
          {c.displayName}
        </h2>
        <span className={`tier tier-${profile.tier}`}>{TIER_LABEL[profile.tier]}</span>
        {canEdit && !editing && (
          <button
            type="button"
            id={EDIT_PROFILE_BUTTON}
            ref={editButton}
            className="btn btn-small"
            onClick={() => setEditing(true)}
          >
            Edit profile <kbd>Alt+P</kbd>
          </button>
        )}
        {clerk.role !== 'clerk' && onErased && <CustomerDataMenu customer={c} onErased={onErased} />}
      </div>
      <p className={`style-line style-${c.style}`} data-testid="style-line">
        <span className="dot" aria-hidden="true" />
        <span>
          <strong>Style: {style.name}</strong>
          {c.styleSetBy && c.styleSetAt && (
            <span className="muted">
              {' '}
              — set by {c.styleSetBy.name}, {formatDay(c.styleSetAt, tz)}
            </span>
          )}
          <span className="style-approach">{style.approach}</span>
        </span>
      </p>
      <OpenIssues issues={profile.openIssues} />
      {editing ? (
        <ProfileEditForm profile={profile} onSaved={saved} onCancel={closeEditor} />
      ) : (
        <>
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
            {profile.before && (
              <div>
                <dt>Before Counterpart</dt>
                <dd>
                  {formatMoney(profile.before.spendCents)} over {profile.before.orders.toLocaleString('en-IE')}{' '}
                  {profile.before.orders === 1 ? 'order' : 'orders'}
                </dd>
              </div>
            )}
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
            {(profile.address.city || profile.address.postcode) && (
              <div>
                <dt>Town</dt>
                <dd>
                  {[profile.address.city, profile.address.postcode, profile.address.country].filter(Boolean).join(', ')}
                </dd>
              </div>
            )}
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
        </>
      )}
      {profile.views && <ProfileViews views={profile.views} timeZone={tz} />}
    </div>
  );
}
