import type { SettingsPageState } from './use-settings';

/** The app version and its updates: check, download, restart and install. */
export function UpdatesCard({ state }: { state: SettingsPageState }) {
  const { updates, busy, checkUpdates, download, install } = state;
  return (
    <section className="card" aria-label="Updates">
      <h2>Updates</h2>
      {updates && (
        <>
          <dl>
            <dt>Version</dt>
            <dd>{updates.currentVersion}</dd>
            <dt>Status</dt>
            <dd>
              <output aria-label="Update status">
                {updates.supported ? updates.status : 'Not available here'}
                {updates.version ? ` · ${updates.version}` : ''}
                {updates.progress && updates.status === 'downloading'
                  ? ` · ${updates.progress.percent.toFixed(0)} %`
                  : ''}
              </output>
            </dd>
          </dl>
          {updates.message && <p className="hint">{updates.message}</p>}
          {updates.releaseNotes && <p className="hint">{updates.releaseNotes}</p>}
          <div className="actions">
            <button type="button" onClick={checkUpdates} disabled={busy !== null || !updates.supported}>
              Check for updates
            </button>
            {updates.status === 'available' && (
              <button type="button" onClick={download}>
                Download
              </button>
            )}
            {updates.status === 'downloaded' && (
              <button type="button" onClick={install}>
                Restart and install
              </button>
            )}
          </div>
        </>
      )}
    </section>
  );
}
