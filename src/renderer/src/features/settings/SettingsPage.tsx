import { PracticeSettingsCard } from '../welcome/PracticeSettingsCard';
import { AccountCard } from './AccountCard';
import { AutomationSection } from './automation/AutomationSection';
import { DevicesCard } from './DevicesCard';
import { PlanCard } from './PlanCard';
import { UpdatesCard } from './UpdatesCard';
import { useSettings } from './use-settings';
import '../../shared/online.css';

/**
 * Settings: the server address, the account, plan and usage, the licence, devices and updates;
 * below them the local automation API.
 */
export function SettingsPage() {
  const state = useSettings();
  const { settings, serverUrl, setServerUrl, busy, saveServer, devices } = state;

  return (
    <section className="page online-page" aria-labelledby="settings-title">
      <h1 id="settings-title">Settings</h1>
      <div className="online-stack">
        <section className="card" aria-label="Server">
          <h2>Server</h2>
          <label>
            Server address
            <input value={serverUrl} onChange={(e) => setServerUrl(e.target.value)} spellCheck={false} />
          </label>
          <p className="hint">Default: {settings?.defaultServerUrl ?? '…'}</p>
          <div className="actions">
            <button type="button" onClick={saveServer} disabled={busy !== null}>
              Save server address
            </button>
          </div>
        </section>

        <AccountCard state={state} />

        {devices && <DevicesCard devices={devices} />}
      </div>

      <div className="online-stack">
        <PlanCard state={state} />

        <UpdatesCard state={state} />

        <PracticeSettingsCard />
      </div>

      <AutomationSection />
    </section>
  );
}
