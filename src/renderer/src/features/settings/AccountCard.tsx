import { formatDay } from '../../shared/format';
import type { SettingsPageState } from './use-settings';

/** The account: who is signed in and the subscription, or the sign-in by password, code or emailed link. */
export function AccountCard({ state }: { state: SettingsPageState }) {
  const {
    account,
    email,
    setEmail,
    password,
    setPassword,
    totp,
    setTotp,
    needsTotp,
    magicSent,
    magicLink,
    setMagicLink,
    busy,
    error,
    notice,
    signIn,
    requestLink,
    verifyLink,
    signOut,
    refresh,
    upgrade,
  } = state;
  return (
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
  );
}
