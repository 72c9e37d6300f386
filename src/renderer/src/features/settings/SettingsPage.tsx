import { useCallback, useEffect, useState } from 'react';
import type { PlanDto } from '../../../../shared/contract/account';
import type {
  AccountStatusDto,
  DevicesDto,
  SettingsDto,
  SignInResultDto,
} from '../../../../shared/contract/online';
import type { UpdateStateDto } from '../../../../shared/contract/updates';
import { api, client } from '../../shared/contract-client';
import { errorMessage, formatDay } from '../../shared/format';
import '../../shared/online.css';

const LICENCE_TONE: Record<string, 'good' | 'warn' | 'bad'> = {
  active: 'good',
  grace: 'warn',
  expired: 'bad',
  invalid: 'bad',
  none: 'warn',
};

/** Settings: the server address, the account, plan and usage, the licence, devices and updates. */
export function SettingsPage() {
  const [settings, setSettings] = useState<SettingsDto | null>(null);
  const [serverUrl, setServerUrl] = useState('');
  const [account, setAccount] = useState<AccountStatusDto | null>(null);
  const [plan, setPlan] = useState<PlanDto | null>(null);
  const [devices, setDevices] = useState<DevicesDto | null>(null);
  const [updates, setUpdates] = useState<UpdateStateDto | null>(null);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [totp, setTotp] = useState('');
  const [needsTotp, setNeedsTotp] = useState(false);
  const [magicSent, setMagicSent] = useState(false);
  const [magicLink, setMagicLink] = useState('');
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const reload = useCallback(async () => {
    const [s, a, p, u] = await Promise.all([
      api['settings:get']({}),
      api['account:status']({}),
      api['account:get-plan']({}),
      api['updates:get-state']({}),
    ]);
    setSettings(s);
    setServerUrl((current) => current || s.serverUrl);
    setAccount(a);
    setPlan(p);
    setUpdates(u);
  }, []);

  useEffect(() => {
    reload().catch((e) => setError(errorMessage(e)));
    const offAccount = client.on('account:changed', (a) => {
      setAccount(a);
      api['account:get-plan']({}).then(setPlan, () => {});
    });
    const offUpdates = client.on('updates:state', setUpdates);
    return () => {
      offAccount();
      offUpdates();
    };
  }, [reload]);

  useEffect(() => {
    if (!account?.signedIn) {
      setDevices(null);
      return;
    }
    api['account:devices']({}).then(setDevices, () => setDevices(null));
  }, [account?.signedIn]);

  const run = async (name: string, action: () => Promise<void>) => {
    setBusy(name);
    setError(null);
    setNotice(null);
    try {
      await action();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(null);
    }
  };

  const saveServer = () =>
    run('server', async () => {
      const saved = await api['settings:save']({ serverUrl });
      setSettings(saved);
      setServerUrl(saved.serverUrl);
      await reload();
      setNotice('Server address saved.');
    });

  /** A sign-in's answer, by password or by link: either a second factor is asked for, or it is done. */
  const signedIn = (r: SignInResultDto) => {
    if (r.status === 'mfa-required') {
      setNeedsTotp(true);
      setNotice(r.message);
      return;
    }
    setAccount(r.account);
    setPassword('');
    setTotp('');
    setNeedsTotp(false);
    setMagicSent(false);
    setMagicLink('');
    api['account:get-plan']({}).then(setPlan, () => {});
  };

  const signIn = () =>
    run('sign-in', async () => {
      signedIn(await api['account:sign-in']({ email, password, ...(needsTotp && totp ? { totp } : {}) }));
    });

  const requestLink = () =>
    run('magic', async () => {
      await api['account:magic-link-request']({ email });
      setMagicSent(true);
      setNotice(`If ${email} has an account, a sign-in link is on its way. Paste it below.`);
    });

  const verifyLink = () =>
    run('magic-verify', async () => {
      signedIn(
        await api['account:magic-link-verify']({ link: magicLink, ...(needsTotp && totp ? { totp } : {}) }),
      );
    });

  const signOut = () =>
    run('sign-out', async () => {
      setAccount(await api['account:sign-out']({}));
      setPlan(await api['account:get-plan']({}));
    });

  const refresh = () =>
    run('refresh', async () => {
      setAccount(await api['account:refresh']({}));
      setPlan(await api['account:get-plan']({}));
    });

  const upgrade = () =>
    run('upgrade', async () => {
      const { url } = await api['account:checkout']({ planCode: 'pro' });
      // The desktop app opens it in the system browser; browser mode in a new tab.
      window.open(url, '_blank', 'noopener');
      setNotice('Checkout opened in your browser. When you are done, come back: the plan unlocks here.');
      // Coming back to the app (the window gets focus again) refreshes the licence once.
      window.addEventListener(
        'focus',
        () => {
          api['account:refresh']({})
            .then(async (a) => {
              setAccount(a);
              setPlan(await api['account:get-plan']({}));
            })
            .catch(() => {});
        },
        { once: true },
      );
    });

  const checkUpdates = () =>
    run('updates', async () => {
      setUpdates(await api['updates:check']({}));
    });

  const licence = plan?.licence ?? account?.licence ?? null;

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

        <section className="card" aria-label="Account">
          <h2>Account</h2>
          {account?.signedIn ? (
            <>
              <dl>
                <dt>Signed in as</dt>
                <dd>
                  <output aria-label="Signed in as">{account.email}</output>
                </dd>
                <dt>Connection</dt>
                <dd>
                  {account.online === false ? (
                    <span className="badge warn">Offline</span>
                  ) : account.online ? (
                    <span className="badge good">Online</span>
                  ) : (
                    '—'
                  )}
                </dd>
                <dt>Subscription</dt>
                <dd>
                  <output aria-label="Subscription">
                    {account.subscription
                      ? `${account.subscription.planCode} · ${account.subscription.status}${
                          account.subscription.currentPeriodEnd
                            ? ` · renews ${account.subscription.currentPeriodEnd.slice(0, 10)}`
                            : ''
                        }${account.subscription.cancelAtPeriodEnd ? ' (cancels at period end)' : ''}`
                      : 'None'}
                  </output>
                </dd>
                <dt>Last refreshed</dt>
                <dd>{formatDay(account.refreshedAt)}</dd>
              </dl>
              <div className="actions">
                {!account.entitled && (
                  <button type="button" className="primary" onClick={upgrade} disabled={busy !== null}>
                    Upgrade to Pro
                  </button>
                )}
                <button type="button" onClick={refresh} disabled={busy !== null}>
                  {account.entitled ? 'Refresh licence' : 'I have paid'}
                </button>
                <button type="button" onClick={signOut} disabled={busy !== null}>
                  Sign out
                </button>
              </div>
            </>
          ) : (
            <>
              <div className="form-grid">
                <label className="span-2">
                  Email
                  <input
                    type="email"
                    value={email}
                    autoComplete="username"
                    onChange={(e) => setEmail(e.target.value)}
                  />
                </label>
                <label className="span-2">
                  Password
                  <input
                    type="password"
                    value={password}
                    autoComplete="current-password"
                    onChange={(e) => setPassword(e.target.value)}
                  />
                </label>
                {needsTotp && (
                  <label className="span-2">
                    Authenticator code
                    <input
                      inputMode="numeric"
                      autoComplete="one-time-code"
                      maxLength={6}
                      value={totp}
                      onChange={(e) => setTotp(e.target.value.replace(/\D/g, ''))}
                    />
                  </label>
                )}
              </div>
              <div className="actions">
                <button
                  type="button"
                  className="primary"
                  onClick={signIn}
                  disabled={busy !== null || !email || !password}
                >
                  Sign in
                </button>
                <button type="button" onClick={requestLink} disabled={busy !== null || !email}>
                  Email me a sign-in link
                </button>
              </div>
              {magicSent && (
                <div className="form-grid" style={{ marginTop: 12 }}>
                  <label className="span-2">
                    Sign-in link from the email
                    <input value={magicLink} onChange={(e) => setMagicLink(e.target.value)} />
                  </label>
                  <div className="actions span-2">
                    <button type="button" onClick={verifyLink} disabled={busy !== null || !magicLink}>
                      Sign in with the link
                    </button>
                  </div>
                </div>
              )}
            </>
          )}
          {account?.message && <p className="hint">{account.message}</p>}
          {notice && (
            <output className="result" aria-label="Account notice">
              {notice}
            </output>
          )}
          {error && (
            <div role="alert" className="error">
              {error}
            </div>
          )}
        </section>

        {devices && (
          <section className="card" aria-label="Devices">
            <h2>Devices</h2>
            <p className="hint">
              {devices.maxDevices > 0
                ? `Licence activated on ${devices.activations.length} of ${devices.maxDevices} computers.`
                : 'No licence yet: this computer is activated when you subscribe.'}
            </p>
            <ul className="device-list">
              {devices.activations.map((d) => (
                <li key={d.id}>
                  {d.deviceName ?? 'Computer'}
                  {d.current ? ' (this computer)' : ''} · refreshed {d.lastRefreshedAt.slice(0, 10)}
                </li>
              ))}
            </ul>
            <h3>Signed-in sessions</h3>
            <ul className="device-list">
              {devices.sessions.map((s) => (
                <li key={s.id}>
                  {s.deviceInfo ?? s.userAgent ?? 'Unknown device'}
                  {s.current ? ' (this app)' : ''} · last seen {s.lastSeen.slice(0, 10)}
                </li>
              ))}
            </ul>
          </section>
        )}
      </div>

      <div className="online-stack">
        <section className="card" aria-label="Plan and usage">
          <h2>Plan and usage</h2>
          {plan && (
            <>
              <dl>
                <dt>Plan</dt>
                <dd>
                  <output aria-label="Plan">
                    {plan.isFree ? 'Free' : plan.plan[0]!.toUpperCase() + plan.plan.slice(1)}
                  </output>
                </dd>
                <dt>Licence</dt>
                <dd>
                  <output
                    className={`badge ${LICENCE_TONE[licence?.state ?? 'none']}`}
                    aria-label="Licence state"
                  >
                    {licence?.state === 'grace'
                      ? `Grace: ${licence.graceDaysLeft} day${licence.graceDaysLeft === 1 ? '' : 's'} left`
                      : (licence?.state ?? 'none')}
                  </output>
                </dd>
                {licence?.expiresAt && (
                  <>
                    <dt>Valid until</dt>
                    <dd>{formatDay(licence.expiresAt)}</dd>
                  </>
                )}
              </dl>
              <p className="hint">{licence?.message}</p>
              {plan.usage.map((u) => (
                <div className="usage-row" key={u.kind}>
                  <span>{u.label}</span>
                  {u.limit === null ? (
                    <span className="hint">No limit</span>
                  ) : (
                    <progress max={u.limit} value={Math.min(u.used, u.limit)} aria-label={u.label} />
                  )}
                  <span className="num">
                    {u.used} / {u.limit ?? '∞'}
                  </span>
                </div>
              ))}
            </>
          )}
        </section>

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
                  <button
                    type="button"
                    onClick={() => run('download', async () => setUpdates(await api['updates:download']({})))}
                  >
                    Download
                  </button>
                )}
                {updates.status === 'downloaded' && (
                  <button
                    type="button"
                    onClick={() => run('install', async () => setUpdates(await api['updates:install']({})))}
                  >
                    Restart and install
                  </button>
                )}
              </div>
            </>
          )}
        </section>
      </div>
    </section>
  );
}
