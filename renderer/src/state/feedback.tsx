import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../api/client';
import './feedback.css';

interface Feedback {
  /** Read out by screen readers (polite); not shown. */
  announce(message: string): void;
  /** Shown in the alert bar at the top of the screen: an error, or a sentence of the counter's own. */
  showError(err: unknown): void;
  clearError(): void;
}

const FeedbackContext = createContext<Feedback | null>(null);

export function useFeedback(): Feedback {
  const f = useContext(FeedbackContext);
  if (!f) throw new Error('useFeedback outside FeedbackProvider');
  return f;
}

export function FeedbackProvider({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const [status, setStatus] = useState('');
  const [error, setError] = useState<string | null>(null);
  const timer = useRef<number | undefined>(undefined);

  const announce = useCallback((message: string) => {
    // Clearing first makes a repeated message ("Interaction saved" twice) be read again.
    window.clearTimeout(timer.current);
    setStatus('');
    timer.current = window.setTimeout(() => setStatus(message), 60);
  }, []);
  const showError = useCallback((err: unknown) => setError(typeof err === 'string' ? err : errorMessage(err)), []);
  const clearError = useCallback(() => setError(null), []);
  const value = useMemo(() => ({ announce, showError, clearError }), [announce, showError, clearError]);

  return (
    <FeedbackContext.Provider value={value}>
      {children}
      <div className="sr-only" role="status" aria-live="polite" aria-atomic="true" data-testid="announcer">
        {status}
      </div>
      <div className="alert-region" role="alert" aria-atomic="true">
        {error && (
          <div className="alert-bar">
            <span className="alert-text">{error}</span>
            <button type="button" className="btn btn-quiet" onClick={clearError}>
              {t('app.dismiss')}
            </button>
          </div>
        )}
      </div>
    </FeedbackContext.Provider>
  );
}
