import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppInfo, Clerk } from '@common/domain';
import { SyncStatus } from './SyncStatus';

interface Props {
  info: AppInfo | null;
  clerk?: Clerk | null;
  onSwitchClerk?: () => void;
  /** Counter actions (new customer, walk-in, shortcuts) when a clerk is signed in. */
  actions?: ReactNode;
}

export function AppHeader({ info, clerk, onSwitchClerk, actions }: Props) {
  const { t } = useTranslation();
  return (
    <header className="app-header">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true">
          {t('app.name').charAt(0)}
        </span>
        <span className="brand-name">{t('app.name')}</span>
      </div>
      {info && (
        <p className="store-line">
          <span className="store-name">{info.storeName}</span>
          <span className="sep" aria-hidden="true">
            ·
          </span>
          <span>
            <span className="sr-only">{t('header.terminal')} </span>
            <span aria-hidden="true">{t('header.till')} </span>
            {info.terminalId}
          </span>
          {info.demo && <span className="badge badge-demo">{t('header.demoData')}</span>}
        </p>
      )}
      {info && clerk && <SyncStatus />}
      {actions && (
        <nav className="header-actions" aria-label={t('header.counterActions')}>
          {actions}
        </nav>
      )}
      {clerk && (
        <div className="clerk-box">
          <span className="clerk-label">
            <span className="muted">{t('header.signedIn')}</span>{' '}
            <strong data-testid="signed-in-clerk">{clerk.displayName}</strong>
          </span>
          <button type="button" className="btn btn-quiet btn-small" onClick={onSwitchClerk}>
            {t('header.switchClerk')}
          </button>
        </div>
      )}
    </header>
  );
}
