import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SETTING_GROUPS, type SettingView } from '@common/settings';
import { call } from '../../../api/client';
import { useLoad } from '../../../hooks/useLoad';
import { useStore } from '../../../state/store';
import '../shared/manager.css';
import './settings.css';
import { SettingsGroup } from './SettingsGroup';
import { FormError } from '../../FormError';
import { ChainSection } from '../chain/ChainSection';

/** The store's settings by area; what IT fixed in the managed config file is shown but cannot be changed here. */
export function SettingsTab() {
  const loaded = useLoad<SettingView[]>('settings', () => call('settings.get', {}));
  const [settings, setSettings] = useState<SettingView[] | null>(null);
  useEffect(() => setSettings(loaded.data), [loaded.data]);
  const { refreshInfo } = useStore();
  const { t } = useTranslation();
  const saved = (all: SettingView[]) => {
    setSettings(all);
    // The header shows the store's name and terminal: let it follow a change at once.
    refreshInfo();
  };

  return (
    <div className="mgr-page">
      <div className="page-head">
        <h2>{t('manager.tab.settings')}</h2>
        <p className="lead">{t('settings.lead')}</p>
      </div>
      <FormError message={loaded.error} />
      {loaded.loading && !settings && <p className="muted">{t('settings.loading')}</p>}

      {settings &&
        SETTING_GROUPS.map((g) => (
          <SettingsGroup key={g} group={g} settings={settings.filter((s) => s.group === g)} onSaved={saved} />
        ))}
      <ChainSection />
    </div>
  );
}
