import type { AutomationState } from '../use-automation';
import { AreaMessages } from './AreaMessages';

/** On/off, where the API listens, and the opt-in to listen beyond this computer. */
export function ApiServerCard({ state }: { state: AutomationState }) {
  const { settings, port, setPort, allowRemote, setAllowRemote, busy } = state;
  const running = settings?.running ?? false;
  const changed =
    settings !== null && (port !== String(settings.port) || allowRemote !== settings.allowRemote);
  return (
    <section className="card" aria-label="Local API">
      <h2>Local API</h2>
      <p className="hint">
        Your own programs (Python, Node, anything that speaks HTTP) drive replays through a local HTTP and
        WebSocket API with the same rules as the desk. It is off until you turn it on.
      </p>
      <div className="server-body">
        <dl>
          <dt>Status</dt>
          <dd>
            <output className={`badge ${running ? 'good' : 'warn'}`} aria-label="API status">
              {running ? 'Running' : settings?.enabled ? 'On, not listening' : 'Off'}
            </output>
          </dd>
          <dt>Address</dt>
          <dd>
            {settings?.url ? (
              <output aria-label="API address" className="mono">
                {settings.url}
              </output>
            ) : (
              <span className="hint">Not listening</span>
            )}
          </dd>
          <dt>Reachable from</dt>
          <dd>
            <output aria-label="Reachable from">
              {settings?.allowRemote
                ? 'Every network interface (other computers can connect)'
                : 'This computer only (127.0.0.1)'}
            </output>
          </dd>
          {settings?.url && (
            <>
              <dt>Documentation</dt>
              <dd>
                <a href={`${settings.url}/docs`} target="_blank" rel="noreferrer">
                  API reference (/docs)
                </a>{' '}
                ·{' '}
                <a href={`${settings.url}/openapi.json`} target="_blank" rel="noreferrer">
                  openapi.json
                </a>
              </dd>
            </>
          )}
        </dl>
        <div>
          <div className="form-grid">
            <label>
              Port
              <input
                inputMode="numeric"
                value={port}
                onChange={(e) => setPort(e.target.value)}
                aria-describedby="api-port-hint"
              />
              <span id="api-port-hint" className="hint">
                Default 5299; 0 picks a free port.
              </span>
            </label>
            <label className="checkbox span-2">
              <input
                type="checkbox"
                checked={allowRemote}
                onChange={(e) => setAllowRemote(e.target.checked)}
              />
              Also accept connections from other computers (every network interface)
            </label>
          </div>
          {allowRemote && (
            <p className="warning" role="note">
              Other computers on your network will reach the API. Anyone holding one of your keys can then
              trade your replays and read your data. Turn this on only on a network you trust, and give keys
              only the scopes they need.
            </p>
          )}
          <div className="actions">
            {running ? (
              <button type="button" onClick={() => state.setEnabled(false)} disabled={busy !== null}>
                Turn the API off
              </button>
            ) : (
              <button
                type="button"
                className="primary"
                onClick={() => state.setEnabled(true)}
                disabled={busy !== null}
              >
                Turn the API on
              </button>
            )}
            <button type="button" onClick={state.saveListen} disabled={busy !== null || !changed}>
              {running ? 'Apply port and interfaces' : 'Save port and interfaces'}
            </button>
          </div>
        </div>
      </div>
      <AreaMessages state={state} area="server" />
    </section>
  );
}
