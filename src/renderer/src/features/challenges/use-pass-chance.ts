import { type FormEvent, useState } from 'react';
import type { PassChanceDto } from '../../../../shared/contract/challenges';
import { api } from '../../shared/contract-client';
import { errorMessage } from '../../shared/format';

export interface PassChanceDraft {
  templateId: string;
  phase: number;
  /** Risk per trade, percent of the initial balance, as typed. */
  riskPct: string;
  /** Trades a day, as typed; empty = the trader's own pace. */
  tradesPerDay: string;
}

/** The chance-of-passing card: the question being asked, its answer, and the call. */
export function usePassChance(defaultTemplateId: string | undefined) {
  const [draft, setDraft] = useState<PassChanceDraft>({
    templateId: '',
    phase: 0,
    riskPct: '1',
    tradesPerDay: '',
  });
  const [chance, setChance] = useState<PassChanceDto | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const templateId = draft.templateId || defaultTemplateId || '';

  const set = <K extends keyof PassChanceDraft>(key: K, value: PassChanceDraft[K]) =>
    setDraft((d) => ({ ...d, templateId: d.templateId || templateId, [key]: value }));

  const compute = async (event?: FormEvent) => {
    event?.preventDefault();
    if (!templateId) return;
    setError(null);
    const riskPct = Number(draft.riskPct);
    const tradesPerDay = draft.tradesPerDay.trim() === '' ? undefined : Number(draft.tradesPerDay);
    if (!Number.isFinite(riskPct) || riskPct <= 0) {
      setError('Risk per trade: enter a percentage above 0, e.g. 1');
      return;
    }
    if (tradesPerDay !== undefined && (!Number.isInteger(tradesPerDay) || tradesPerDay < 1)) {
      setError('Trades a day: enter a whole number of at least 1, or leave it empty for your own pace');
      return;
    }
    setBusy(true);
    try {
      setChance(
        await api['challenges:pass-chance']({
          templateId,
          phase: draft.phase,
          riskPct,
          ...(tradesPerDay === undefined ? {} : { tradesPerDay }),
        }),
      );
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return { draft: { ...draft, templateId }, set, chance, error, busy, compute };
}
