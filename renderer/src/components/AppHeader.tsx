import type { ReactNode } from 'react';
import type { AppInfo, Clerk } from '../../../common/domain';
import { SyncStatus } from './SyncStatus';

interface Props {
  info: AppInfo | null;
  clerk?: Clerk | null;
  onSwitchClerk?: () => void;
  /** Counter actions (new customer, walk-in, shortcuts) when a clerk is signed in. */
  actions?: ReactNode;
}

export function AppHeader({ info, clerk, onSwitchClerk, actions }: Props) {
  return (
    <header className="app-header">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true">
          C
        </span>
        <span className="brand-name">Counterpart</span>
      </div>
      {info && (
        <p className="store-line">
          <span className="store-name">{info.storeName}</span>
          <span className="sep" aria-hidden="true">
            ·
          </span>
          <span>
            <span className="sr-only">Terminal </span>
            <span aria-hidden="true">Till </span>
            {info.terminalId}
          </span>
          {info.demo && <span className="badge badge-demo">Demo data</span>}
        </p>
      )}
      {info && clerk && <SyncStatus timeZone={info.timeZone} />}
      {actions && (
        <nav className="header-actions" aria-label="Counter actions">
          {actions}
        </nav>
      )}
      {clerk && (
        <div className="clerk-box">
          <span className="clerk-label">
            <span className="muted">Signed in:</span> <strong data-testid="signed-in-clerk">{clerk.displayName}</strong>
          </span>
          <button type="button" className="btn btn-quiet btn-small" onClick={onSwitchClerk}>
            Switch clerk
          </button>
        </div>
      )}
    </header>
  );
}
