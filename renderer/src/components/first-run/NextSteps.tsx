import { useEffect, useState } from 'react';
import type { AppInfo } from '../../../../common/domain';
import { call } from '../../api/client';

interface Props {
  info: AppInfo;
  /** Goes on signed in, to a back-office tab (team, import, backups) or to the counter (null). */
  onDone(tab: string | null): void;
}

/** Right after a real store is set up: what to do before the counter is useful, each one button away. */
export function NextSteps({ info, onDone }: Props) {
  const [backupDir, setBackupDir] = useState<string | null>(null);
  useEffect(() => {
    void call('settings.get', {}).then(
      (list) => setBackupDir((list.find((s) => s.key === 'backupDirectory')?.value as string | null) ?? null),
      () => {},
    );
  }, []);

  return (
    <main className="center-screen">
      <section className="first-run card next-steps" aria-labelledby="next-h">
        <h1 id="next-h">{info.storeName} is set up</h1>
        <p className="lead">You are signed in as its admin. Three things make the counter useful:</p>
        <ol>
          <li>
            <h2>Add your clerks</h2>
            <p>Each clerk signs in with a PIN of their own, so every entry says who served the customer.</p>
            <button type="button" className="btn" onClick={() => onDone('team')} autoFocus>
              Add clerks
            </button>
          </li>
          <li>
            <h2>Import your customers</h2>
            <p>From the till's customer export (CSV; Shopify and Square files as they come), then their purchases.</p>
            <button type="button" className="btn" onClick={() => onDone('import')}>
              Import customers
            </button>
          </li>
          <li>
            <h2>Set the backup folder</h2>
            <p>
              {backupDir ? `Backups go to ${backupDir}. ` : 'No backup folder is set yet. '}
              IT sets the folder in the config file (backupDirectory), best on another disk or the network.
            </p>
            <button type="button" className="btn" onClick={() => onDone('backups')}>
              Backups
            </button>
          </li>
        </ol>
        <div>
          <button type="button" className="btn btn-primary" onClick={() => onDone(null)}>
            Go to the counter
          </button>
        </div>
      </section>
    </main>
  );
}
