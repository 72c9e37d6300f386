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
import { errorMessage } from '../../shared/format';

/**
 * The settings page's state and contract calls: the server address, the account and its
 * sign-in, the plan and licence, the devices and the updates. One action runs at a time (`busy`).
 */
export function useSettings() {
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
  const download = () => run('download', async () => setUpdates(await api['updates:download']({})));
  const install = () => run('install', async () => setUpdates(await api['updates:install']({})));

  return {
    settings,
    serverUrl,
    setServerUrl,
    account,
    plan,
    devices,
    updates,
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
    saveServer,
    signIn,
    requestLink,
    verifyLink,
    signOut,
    refresh,
    upgrade,
    checkUpdates,
    download,
    install,
    licence,
  };
}

export type SettingsPageState = ReturnType<typeof useSettings>;
