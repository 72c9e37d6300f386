import { type FormEvent, useCallback, useEffect, useState } from 'react';
import type { ChallengeSummaryDto, ChallengeTemplateDto } from '../../../../shared/contract/challenges';
import type { DatasetDto } from '../../../../shared/dto';
import { api } from '../../shared/contract-client';
import { errorMessage, formatTs } from '../../shared/format';

export interface StartDraft {
  templateId: string;
  phase: number;
  symbol: string;
  /** datetime-local text, read as UTC. */
  startAt: string;
}

/**
 * The challenges page's state and contract calls: the presets and the trader's templates, the
 * trader's challenges, the start form, and copying a template.
 */
export function useChallenges(onOpen: (sessionId: string) => void) {
  const [templates, setTemplates] = useState<ChallengeTemplateDto[]>([]);
  const [challenges, setChallenges] = useState<ChallengeSummaryDto[]>([]);
  const [datasets, setDatasets] = useState<DatasetDto[]>([]);
  const [draft, setDraft] = useState<StartDraft | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const reload = useCallback(async () => {
    const [t, c, d] = await Promise.all([
      api['challenges:list-templates']({}),
      api['challenges:list']({}),
      api['datasets:list']({}),
    ]);
    setTemplates(t);
    setChallenges(c);
    setDatasets(d.filter((x) => x.isActive));
  }, []);

  useEffect(() => {
    reload().catch((e) => setError(errorMessage(e)));
  }, [reload]);

  /** Opens the start form for a template (and phase), prefilled with the first dataset. */
  const prepare = (templateId: string, phase = 0) => {
    const first = datasets[0];
    setError(null);
    setDraft({
      templateId,
      phase,
      symbol: first?.symbol ?? '',
      startAt: first ? formatTs(first.startTs).replace(' ', 'T') : '',
    });
  };

  const set = <K extends keyof StartDraft>(key: K, value: StartDraft[K]) =>
    setDraft((d) => (d ? { ...d, [key]: value } : d));

  const pickSymbol = (symbol: string) => {
    const dataset = datasets.find((d) => d.symbol === symbol);
    setDraft((d) =>
      d ? { ...d, symbol, startAt: dataset ? formatTs(dataset.startTs).replace(' ', 'T') : d.startAt } : d,
    );
  };

  const start = async (event: FormEvent) => {
    event.preventDefault();
    if (!draft) return;
    setError(null);
    setBusy(true);
    try {
      const startAt = `${draft.startAt.length === 16 ? `${draft.startAt}:00` : draft.startAt}Z`;
      const challenge = await api['challenges:start']({
        templateId: draft.templateId,
        phase: draft.phase,
        symbol: draft.symbol,
        startAt,
      });
      setDraft(null);
      onOpen(challenge.sessionId);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const copy = async (templateId: string) => {
    setError(null);
    try {
      await api['challenges:copy-template']({ templateId });
      await reload();
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  return {
    templates,
    challenges,
    datasets,
    draft,
    setDraft,
    error,
    busy,
    prepare,
    set,
    pickSymbol,
    start,
    copy,
  };
}
