import { useState, type FormEvent } from 'react';
import type { AppInfo, Clerk } from '../../../common/domain';
import { call, errorMessage } from '../api/client';
import { FormError } from './FormError';

interface Props {
  onDemoLoaded(info: AppInfo): void;
  onStoreCreated(clerk: Clerk): void;
}

export function FirstRun({ onDemoLoaded, onStoreCreated }: Props) {
  const [busy, setBusy] = useState<'demo' | 'empty' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [pin, setPin] = useState('');
  const [pin2, setPin2] = useState('');

  const loadDemo = async () => {
    setBusy('demo');
    setError(null);
    try {
      onDemoLoaded(await call('app.setupDemo', {}));
    } catch (err) {
      setError(errorMessage(err));
      setBusy(null);
    }
  };

  const startEmpty = async (e: FormEvent) => {
    e.preventDefault();
    if (!name.trim()) return setError('Enter your name to start an empty store.');
    if (!/^\d{4,8}$/.test(pin)) return setError('Choose a PIN of 4 to 8 digits.');
    if (pin !== pin2) return setError('The two PINs differ; type the same PIN twice.');
    setBusy('empty');
    setError(null);
    try {
      onStoreCreated(await call('app.setupEmpty', { clerkName: name.trim(), pin }));
    } catch (err) {
      setError(errorMessage(err));
      setBusy(null);
    }
  };

  return (
    <main className="center-screen" aria-busy={busy !== null}>
      <div className="first-run">
        <h1>Welcome to Counterpart</h1>
        <p className="lead">This terminal has no store data yet. Choose how to begin.</p>
        <FormError message={error} />
        <div className="choice-grid">
          <section className="card choice" aria-labelledby="demo-h">
            <h2 id="demo-h">Load the demo store</h2>
            <p>
              3,000 made-up customers with purchases, complaints and follow-ups. Good for training and trying things
              out; nothing real is touched.
            </p>
            <button type="button" className="btn btn-primary" onClick={() => void loadDemo()} disabled={busy !== null} autoFocus>
              {busy === 'demo' ? 'Loading the demo store…' : 'Load the demo store'}
            </button>
          </section>
          <section className="card choice" aria-labelledby="empty-h">
            <h2 id="empty-h">Start an empty store</h2>
            <p>For real use. You become the first clerk, with admin rights, and sign in with your own PIN.</p>
            <form onSubmit={(e) => void startEmpty(e)} className="stack">
              <label className="field">
                <span className="field-label">Your name</span>
                <input
                  type="text"
                  value={name}
                  onChange={(e) => setName(e.target.value)}
                  autoComplete="name"
                  maxLength={80}
                  disabled={busy !== null}
                />
              </label>
              <div className="grid-2">
                <label className="field">
                  <span className="field-label">Choose a PIN (4–8 digits)</span>
                  <input
                    type="password"
                    inputMode="numeric"
                    autoComplete="new-password"
                    maxLength={8}
                    value={pin}
                    onChange={(e) => setPin(e.target.value.replace(/\D/g, ''))}
                    disabled={busy !== null}
                  />
                </label>
                <label className="field">
                  <span className="field-label">PIN again</span>
                  <input
                    type="password"
                    inputMode="numeric"
                    autoComplete="new-password"
                    maxLength={8}
                    value={pin2}
                    onChange={(e) => setPin2(e.target.value.replace(/\D/g, ''))}
                    disabled={busy !== null}
                  />
                </label>
              </div>
              <button type="submit" className="btn" disabled={busy !== null}>
                {busy === 'empty' ? 'Starting…' : 'Start an empty store'}
              </button>
            </form>
          </section>
        </div>
      </div>
    </main>
  );
}
