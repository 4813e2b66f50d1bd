import { Component, Fragment, createRef, type ErrorInfo, type ReactNode, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { renderReport } from '@common/render-report';
import { call } from '../../api/client';
import './boundary.css';

interface Props {
  /** What the wrapped part is, as the clerk knows it: "The customer's history". */
  what: string;
  children: ReactNode;
  /** Runs before the remount, for a part whose data is loaded above the boundary (so "Try again" fetches it anew). */
  onRetry?: () => void;
  /** The data the part draws, when loaded above the boundary: a new value (the reload arriving) clears the failure. */
  resetKey?: unknown;
}

interface State {
  error: Error | null;
  /** Bumped by "Try again": a new key remounts the children with fresh state. */
  attempt: number;
}

/**
 * One part that fails to render shows a message with "Try again" in its place; the rest of the screen keeps working
 * (a render error would otherwise unmount the whole tree and leave the counter blank). The failure goes to the main
 * log as a bounded report (the part, the message, component names; common/render-report.ts) and to the console.
 */
export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: null, attempt: 0 };
  private readonly retryButton = createRef<HTMLButtonElement>();

  static getDerivedStateFromError(error: Error): Partial<State> {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error(`[render] ${this.props.what} failed:`, error, info.componentStack ?? '');
    // Best effort: with the backend unreachable the console line above is all there is.
    call('app.reportRenderError', renderReport(this.props.what, error, info.componentStack)).catch(() => undefined);
  }

  override componentDidUpdate(prev: Props, prevState: State): void {
    if (this.state.error && prevState.error && prev.resetKey !== this.props.resetKey) {
      this.setState((s) => ({ error: null, attempt: s.attempt + 1 }));
      return;
    }
    // The focused control may have gone with the failed part: keep the keyboard somewhere useful.
    if (this.state.error && !prevState.error) {
      const active = document.activeElement;
      if (!active || active === document.body) this.retryButton.current?.focus();
    }
  }

  private readonly retry = (): void => {
    this.props.onRetry?.();
    this.setState((s) => ({ error: null, attempt: s.attempt + 1 }));
  };

  override render(): ReactNode {
    const { error, attempt } = this.state;
    if (!error) return <Fragment key={attempt}>{this.props.children}</Fragment>;
    return <FailedPart what={this.props.what} onRetry={this.retry} buttonRef={this.retryButton} />;
  }
}

/** The message in a failed part's place (a function component, so it can speak the store's language). */
function FailedPart({
  what,
  onRetry,
  buttonRef,
}: {
  what: string;
  onRetry(): void;
  buttonRef: RefObject<HTMLButtonElement | null>;
}) {
  const { t } = useTranslation();
  return (
    <div className="boundary-message" role="alert">
      <p className="boundary-title">{t('boundary.failed', { what })}</p>
      <p className="muted small">{t('boundary.rest')}</p>
      <button ref={buttonRef} type="button" className="btn" onClick={onRetry}>
        {t('app.tryAgain')}
      </button>
    </div>
  );
}
