import { useState } from 'react';
import type { MonteCarloDto } from '../../../../shared/contract/strategies';
import { api } from '../../shared/contract-client';
import { errorMessage } from '../../shared/format';

export interface MonteCarloForm {
  paths: number;
  mode: 'reshuffle' | 'resample';
  ruinPct: number;
  seed: number;
}

/** A run's Monte Carlo study: the form, the result, and the call. */
export function useMonteCarlo(runId: string) {
  const [form, setForm] = useState<MonteCarloForm>({
    paths: 10_000,
    mode: 'reshuffle',
    ruinPct: 50,
    seed: 1,
  });
  const [result, setResult] = useState<MonteCarloDto | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setError(null);
    setBusy(true);
    try {
      setResult(await api['backtests:monte-carlo']({ runId, ...form }));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return { form, setForm, result, error, busy, run };
}
