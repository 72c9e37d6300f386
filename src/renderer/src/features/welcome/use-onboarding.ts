import { useCallback, useEffect, useState } from 'react';
import { type OnboardingDto, SAMPLE_SESSION } from '../../../../shared/contract/onboarding';
import { api, client } from '../../shared/contract-client';
import { errorMessage } from '../../shared/format';

/**
 * First run's state and calls: the sample's state and the checklist (pushed by main as they
 * change), replaying the sample in one click, importing it again, dismissing the checklist.
 */
export function useOnboarding() {
  const [state, setState] = useState<OnboardingDto | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    api['onboarding:get']({})
      .then((s) => live && setState(s))
      .catch((e) => live && setError(errorMessage(e)));
    const off = client.on('onboarding:changed', setState);
    return () => {
      live = false;
      off();
    };
  }, []);

  const run = useCallback(async <T>(action: () => Promise<T>): Promise<T | undefined> => {
    setBusy(true);
    setError(null);
    try {
      return await action();
    } catch (e) {
      setError(errorMessage(e));
      return undefined;
    } finally {
      setBusy(false);
    }
  }, []);

  /** Imports the sample if it is not in (or waits for the first-start import), then starts its session. */
  const replaySample = (onOpen: (sessionId: string) => void) =>
    run(async () => {
      if (state?.sample.state !== 'ready') setState(await api['onboarding:import-sample']({}));
      const session = await api['sessions:create']({ ...SAMPLE_SESSION });
      onOpen(session.id);
    });

  const importSample = () => run(async () => setState(await api['onboarding:import-sample']({})));
  const dismiss = () => run(async () => setState(await api['onboarding:dismiss']({ dismissed: true })));

  const doneCount = state?.checklist.filter((c) => c.doneAt !== null).length ?? 0;
  const total = state?.checklist.length ?? 0;
  /** The checklist shows until dismissed; once every step is done it says so and offers to close. */
  const showChecklist = state !== null && !state.dismissed;

  return { state, busy, error, doneCount, total, showChecklist, replaySample, importSample, dismiss };
}

export type Onboarding = ReturnType<typeof useOnboarding>;
