import { useState } from 'react';
import {
  type ApiKeyDto,
  AUTOMATION_SCOPES,
  type AutomationClientDto,
  type AutomationScope,
} from '../../../../../shared/contract/automation';
import { ConfirmDialog } from '../../../shared/ConfirmDialog';
import { formatTs } from '../../../shared/format';
import type { AutomationState } from '../use-automation';
import { AreaMessages } from './AreaMessages';
import { OnceSecret } from './OnceSecret';
import { SCOPE_WORDS } from './words';

function keyState(k: ApiKeyDto, nowTs: number): { text: string; tone: 'good' | 'bad' | 'warn' } {
  if (!k.isActive || k.revokedAt !== null) return { text: 'revoked', tone: 'bad' };
  if (k.expiresAt !== null && k.expiresAt <= nowTs) return { text: 'expired', tone: 'warn' };
  return { text: 'active', tone: 'good' };
}

/** A client's API keys: create one (shown once), see how each is used, revoke. */
export function ApiKeysCard({ state, client }: { state: AutomationState; client: AutomationClientDto }) {
  const { keys, newKey, busy, settings } = state;
  const [open, setOpen] = useState(false);
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<AutomationScope[]>(['market:read']);
  const [expiresAt, setExpiresAt] = useState('');
  const [rate, setRate] = useState('600');
  const [revoking, setRevoking] = useState<ApiKeyDto | null>(null);
  const nowTs = Math.floor(Date.now() / 1000);

  const toggle = (scope: AutomationScope, on: boolean) =>
    setScopes((s) =>
      on ? AUTOMATION_SCOPES.filter((x) => x === scope || s.includes(x)) : s.filter((x) => x !== scope),
    );

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    await state.createKey({ name: name.trim(), scopes, expiresAt, rateLimitPerMinute: Number(rate) });
    setOpen(false);
    setName('');
  };
  const rateOk = /^\d+$/.test(rate) && Number(rate) >= 1 && Number(rate) <= 100_000;
  const newButton = (
    <button type="button" onClick={() => setOpen(true)} disabled={open || busy !== null}>
      New API key
    </button>
  );

  return (
    <section className="card" aria-label="API keys">
      <div className="card-head">
        <h2>API keys of {client.name}</h2>
        {keys.length > 0 && newButton}
      </div>
      {newKey && (
        <OnceSecret
          label="API key"
          value={newKey.key}
          keeps="Tickstep keeps only its hash and its prefix."
          onDismiss={state.dismissKey}
        >
          <p className="hint">
            Send it as <code>Authorization: Bearer {newKey.apiKey.prefix}_…</code>. For example:
          </p>
          <pre className="example">
            {`curl -H "Authorization: Bearer ${newKey.key}" ${settings?.url ?? 'http://127.0.0.1:5299'}/v1/instruments`}
          </pre>
        </OnceSecret>
      )}
      {keys.length === 0 && !open && (
        <p className="empty">
          No keys for {client.name} yet. A program signs in with a key, and the key's scopes decide what it
          may do. {newButton}
        </p>
      )}
      {open && (
        <form className="key-form" aria-label="New API key" onSubmit={submit}>
          <div className="form-grid">
            <label>
              Key name
              <input
                value={name}
                onChange={(e) => setName(e.target.value)}
                maxLength={80}
                placeholder="e.g. laptop"
              />
            </label>
            <label>
              Rate limit (requests a minute)
              <input inputMode="numeric" value={rate} onChange={(e) => setRate(e.target.value)} />
            </label>
            <label>
              Expires (UTC, optional)
              <input type="datetime-local" value={expiresAt} onChange={(e) => setExpiresAt(e.target.value)} />
            </label>
          </div>
          <fieldset className="checks">
            <legend>Scopes (what the key may do)</legend>
            {AUTOMATION_SCOPES.map((scope) => (
              <label className="checkbox" key={scope}>
                <input
                  type="checkbox"
                  checked={scopes.includes(scope)}
                  onChange={(e) => toggle(scope, e.target.checked)}
                />
                <code>{scope}</code>
                <span className="hint">{SCOPE_WORDS[scope]}</span>
              </label>
            ))}
          </fieldset>
          {scopes.length === 0 && <p className="hint">Choose at least one scope.</p>}
          {!rateOk && <p className="hint">Rate limit: a whole number from 1 to 100000.</p>}
          <div className="actions">
            <button
              type="submit"
              className="primary"
              disabled={busy !== null || name.trim() === '' || scopes.length === 0 || !rateOk}
            >
              Create key
            </button>
            <button type="button" onClick={() => setOpen(false)}>
              Cancel
            </button>
          </div>
        </form>
      )}
      {keys.length > 0 && (
        <table aria-label="Keys">
          <thead>
            <tr>
              <th>Prefix</th>
              <th>Name</th>
              <th>Scopes</th>
              <th>Status</th>
              <th>Expires</th>
              <th>Last used</th>
              <th className="num">Uses</th>
              <th className="num">Per minute</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {keys.map((k) => {
              const s = keyState(k, nowTs);
              return (
                <tr key={k.id}>
                  <td className="mono">{k.prefix}…</td>
                  <td>{k.name}</td>
                  <td className="wrap">{k.scopes.join(', ')}</td>
                  <td>
                    <output className={`badge ${s.tone}`} aria-label="Key status">
                      {s.text}
                    </output>
                  </td>
                  <td>{k.expiresAt === null ? 'never' : formatTs(k.expiresAt)}</td>
                  <td>{formatTs(k.lastUsedAt)}</td>
                  <td className="num">{k.usageCount}</td>
                  <td className="num">{k.rateLimitPerMinute}</td>
                  <td className="row-actions">
                    {s.text !== 'revoked' && (
                      <button
                        type="button"
                        onClick={() => setRevoking(k)}
                        disabled={busy !== null}
                        aria-label={`Revoke ${k.name}`}
                      >
                        Revoke
                      </button>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <AreaMessages state={state} area="keys" />
      {revoking && (
        <ConfirmDialog
          title={`Revoke key "${revoking.name}" (${revoking.prefix}…)?`}
          message="The program using it is refused from its next request. A revoked key cannot be turned back on: create a new one instead."
          confirmLabel="Revoke key"
          onCancel={() => setRevoking(null)}
          onConfirm={() => {
            const id = revoking.id;
            setRevoking(null);
            void state.revokeKey(id);
          }}
        />
      )}
    </section>
  );
}
