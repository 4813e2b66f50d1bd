import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppInfo } from '@common/domain';
import { call } from '../../api/client';

interface Props {
  info: AppInfo;
  /** Goes on signed in, to a back-office tab (team, import, backups) or to the counter (null). */
  onDone(tab: string | null): void;
}

/** Right after a real store is set up: what to do before the counter is useful, each one button away. */
export function NextSteps({ info, onDone }: Props) {
  const { t } = useTranslation();
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
        <h1 id="next-h">{t('nextSteps.title', { store: info.storeName })}</h1>
        <p className="lead">{t('nextSteps.lead')}</p>
        <ol>
          <li>
            <h2>{t('nextSteps.clerks')}</h2>
            <p>{t('nextSteps.clerksAbout')}</p>
            <button type="button" className="btn" onClick={() => onDone('team')} autoFocus>
              {t('nextSteps.clerksButton')}
            </button>
          </li>
          <li>
            <h2>{t('nextSteps.import')}</h2>
            <p>{t('nextSteps.importAbout')}</p>
            <button type="button" className="btn" onClick={() => onDone('import')}>
              {t('nextSteps.importButton')}
            </button>
          </li>
          <li>
            <h2>{t('nextSteps.backups')}</h2>
            <p>
              {backupDir ? t('nextSteps.backupsTo', { dir: backupDir }) : t('nextSteps.noBackups')}{' '}
              {t('nextSteps.backupsAbout')}
            </p>
            <button type="button" className="btn" onClick={() => onDone('backups')}>
              {t('nextSteps.backupsButton')}
            </button>
          </li>
        </ol>
        <div>
          <button type="button" className="btn btn-primary" onClick={() => onDone(null)}>
            {t('nextSteps.counter')}
          </button>
        </div>
      </section>
    </main>
  );
}
