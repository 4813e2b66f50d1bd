import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Clerk } from '@common/domain';
import { call, errorMessage } from '../api/client';
import { PinForm } from './PinForm';
import { FormError } from './FormError';
import { initials } from '../lib/initials';
import './clerk-picker.css';

interface Props {
  demo: boolean;
  /** Why the picker is shown again, e.g. the terminal locked itself. */
  notice?: string | null;
  onSignedIn(clerk: Clerk): void;
}

export function ClerkPicker({ demo, notice, onSignedIn }: Props) {
  const { t } = useTranslation();
  const [clerks, setClerks] = useState<Clerk[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [chosen, setChosen] = useState<Clerk | null>(null);
  const buttons = useRef<(HTMLButtonElement | null)[]>([]);
  const lastChosen = useRef<number | null>(null);

  useEffect(() => {
    call('clerks.list', {}).then(setClerks, (err: unknown) => setError(errorMessage(err)));
  }, []);

  // Back on the list, focus returns to the clerk chosen before (or the first one).
  useEffect(() => {
    if (!clerks?.length || chosen) return;
    const i = Math.max(
      0,
      clerks.findIndex((c) => c.id === lastChosen.current),
    );
    buttons.current[i]?.focus();
  }, [clerks, chosen]);

  const choose = (c: Clerk) => {
    lastChosen.current = c.id;
    setError(null);
    setChosen(c);
  };

  // Arrow keys move between clerks (Tab works too); Enter or Space chooses.
  const onKeyDown = (e: KeyboardEvent<HTMLUListElement>) => {
    const list = buttons.current.filter((b): b is HTMLButtonElement => b !== null);
    const at = list.indexOf(document.activeElement as HTMLButtonElement);
    let next = -1;
    if (e.key === 'ArrowDown' || e.key === 'ArrowRight') next = (at + 1) % list.length;
    else if (e.key === 'ArrowUp' || e.key === 'ArrowLeft') next = (at - 1 + list.length) % list.length;
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = list.length - 1;
    if (next >= 0) {
      e.preventDefault();
      list[next]?.focus();
    }
  };

  return (
    <main className="center-screen">
      <div className="card picker">
        {chosen ? (
          <PinForm
            clerk={chosen}
            demo={demo}
            onBack={() => setChosen(null)}
            onSignIn={async (pin) => onSignedIn(await call('session.signIn', { clerkId: chosen.id, pin }))}
          />
        ) : (
          <>
            <h1 id="picker-h">{t('signIn.title')}</h1>
            {notice && (
              <p className="note" role="status">
                {notice}
              </p>
            )}
            <p className="muted">{t('signIn.howTo')}</p>
            <FormError message={error} />
            {!clerks && !error && <p className="muted">{t('signIn.loadingClerks')}</p>}
            {clerks && clerks.length === 0 && <p>{t('signIn.noClerks')}</p>}
            {clerks && clerks.length > 0 && (
              <ul className="clerk-list" aria-labelledby="picker-h" onKeyDown={onKeyDown}>
                {clerks.map((c, i) => (
                  <li key={c.id}>
                    <button
                      type="button"
                      className="clerk-button"
                      ref={(el) => {
                        buttons.current[i] = el;
                      }}
                      onClick={() => choose(c)}
                    >
                      <span className="avatar" aria-hidden="true">
                        {initials(c.displayName)}
                      </span>
                      <span className="clerk-name">{c.displayName}</span>
                      <span className="clerk-role">{t(`role.${c.role}`)}</span>
                      {c.lockedUntil && <span className="badge badge-overdue">{t('signIn.locked')}</span>}
                    </button>
                  </li>
                ))}
              </ul>
            )}
          </>
        )}
      </div>
    </main>
  );
}
