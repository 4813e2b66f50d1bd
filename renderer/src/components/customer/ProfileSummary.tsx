import { useEffect, useRef, useState, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import type { CustomerField } from '@common/contract';
import type { CustomerProfile } from '@common/domain';
import { useFormat } from '../../lib/format';
import { useFeedback } from '../../state/feedback';
import { useStore } from '../../state/store';
import { OpenIssues } from './OpenIssues';
import { ProfileEditForm } from './ProfileEditForm';
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
  const { clerk } = useStore();
  const { t } = useTranslation();
  const fmt = useFormat();
  const { announce } = useFeedback();
  const [editing, setEditing] = useState(false);
  const editButton = useRef<HTMLButtonElement>(null);
  const c = profile.customer;

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
      announce(t('profile.saved', { fields: fmt.list(changed.map((f) => t(`customerForm.field.${f}`))) }));
    } else announce(t('profile.nothingChanged'));
    closeEditor();
  };

  return (
    <div className={`card profile-card${editing ? ' is-editing' : ''}`}>
      <div className="profile-head">
        <h2 id="customer-name" tabIndex={-1} ref={headingRef}>
          {c.displayName}
        </h2>
        <span className={`tier tier-${profile.tier}`}>{t(`label.tier.${profile.tier}`)}</span>
        {canEdit && !editing && (
          <button
            type="button"
            id={EDIT_PROFILE_BUTTON}
            ref={editButton}
            className="btn btn-small"
            onClick={() => setEditing(true)}
          >
            {t('profile.edit')} <kbd>Alt+P</kbd>
          </button>
        )}
        {clerk.role !== 'clerk' && onErased && <CustomerDataMenu customer={c} onErased={onErased} />}
      </div>
      <p className={`style-line style-${c.style}`} data-testid="style-line">
        <span className="dot" aria-hidden="true" />
        <span>
          <strong>{t('profile.style', { style: t(`styleGuide.${c.style}.name`) })}</strong>
          {c.styleSetBy && c.styleSetAt && (
            <span className="muted">
              {' '}
              — {t('profile.styleSetBy', { name: c.styleSetBy.name, day: fmt.day(c.styleSetAt) })}
            </span>
          )}
          <span className="style-approach">{t(`styleGuide.${c.style}.approach`)}</span>
        </span>
      </p>
      <OpenIssues issues={profile.openIssues} />
      {editing ? (
        <ProfileEditForm profile={profile} onSaved={saved} onCancel={closeEditor} />
      ) : (
        <>
          <dl className="facts">
            <div>
              <dt>{t('profile.visits')}</dt>
              <dd>{fmt.number(profile.visitCount)}</dd>
            </div>
            <div>
              <dt>{t('profile.lastVisit')}</dt>
              <dd>{profile.lastVisitAt ? fmt.day(profile.lastVisitAt) : t('profile.never')}</dd>
            </div>
            <div>
              <dt>{t('profile.lifetimeSpend')}</dt>
              <dd>{fmt.money(profile.lifetimeSpendCents)}</dd>
            </div>
            <div>
              <dt>{t('profile.purchases')}</dt>
              <dd>{fmt.number(profile.purchaseCount)}</dd>
            </div>
            {profile.before && (
              <div>
                <dt>{t('profile.before')}</dt>
                <dd>
                  {t('profile.beforeSpend', {
                    amount: fmt.money(profile.before.spendCents),
                    count: profile.before.orders,
                  })}
                </dd>
              </div>
            )}
            <div>
              <dt>{t('profile.since')}</dt>
              <dd>{fmt.day(c.createdAt)}</dd>
            </div>
          </dl>
          <dl className="contact">
            <div>
              <dt>{t('profile.phone')}</dt>
              <dd>{c.phone ?? '—'}</dd>
            </div>
            <div>
              <dt>{t('profile.email')}</dt>
              <dd className="wrap">{c.email ?? '—'}</dd>
            </div>
            <div>
              <dt>{t('profile.card')}</dt>
              <dd>{c.loyaltyId ?? '—'}</dd>
            </div>
            {(profile.address.city || profile.address.postcode) && (
              <div>
                <dt>{t('profile.town')}</dt>
                <dd>
                  {[profile.address.city, profile.address.postcode, profile.address.country].filter(Boolean).join(', ')}
                </dd>
              </div>
            )}
            <div>
              <dt>{t('profile.marketing')}</dt>
              <dd>{c.marketingConsent ? t('profile.consented') : t('profile.noConsent')}</dd>
            </div>
            {c.birthday && (
              <div>
                <dt>{t('profile.birthday')}</dt>
                <dd>{fmt.calendarDay(c.birthday)}</dd>
              </div>
            )}
            {c.language && (
              <div>
                <dt>{t('profile.language')}</dt>
                <dd>{c.language}</dd>
              </div>
            )}
          </dl>
          {c.tags.length > 0 && (
            <ul className="tags" aria-label={t('profile.tags')}>
              {c.tags.map((tag) => (
                <li key={tag} className="tag">
                  {tag}
                </li>
              ))}
            </ul>
          )}
          {c.notes && <p className="customer-notes">{c.notes}</p>}
        </>
      )}
      {profile.views && <ProfileViews views={profile.views} />}
    </div>
  );
}
