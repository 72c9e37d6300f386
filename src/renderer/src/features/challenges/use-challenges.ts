import { type FormEvent, useCallback, useEffect, useState } from 'react';
import type { ChallengeSummaryDto, ChallengeTemplateDto } from '../../../../shared/contract/challenges';
import type { DatasetDto } from '../../../../shared/dto';
import { ContractCallError } from '../../../../shared/errors';
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
  /** What happened after a buy button: Checkout opened, or why it could not. */
  const [buyNotice, setBuyNotice] = useState<string | null>(null);
  /** The copy being edited: its id, the JSON text, and the field errors of the last save. */
  const [editing, setEditing] = useState<{
    id: string;
    text: string;
    errors: { path: string; message: string }[];
  } | null>(null);

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

  /**
   * Opens Stripe Checkout for an attempt or reset of a paid-only rulebook (the hosted service makes
   * it for this computer). Coming back to the window refreshes the licence once, so a paid attempt
   * shows on the rulebook at once.
   */
  const buy = async (templateId: string, kind: 'attempt' | 'reset') => {
    setError(null);
    setBuyNotice(null);
    try {
      const { url } = await api['account:challenge-checkout']({ templateId, kind });
      window.open(url, '_blank', 'noopener');
      setBuyNotice(
        `Checkout for one ${kind} opened in your browser. Once paid, come back here: the licence refreshes and the ${kind} shows on the rulebook.`,
      );
      window.addEventListener(
        'focus',
        () => {
          api['account:refresh']({})
            .then(() => reload())
            .catch(() => {});
        },
        { once: true },
      );
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  const edit = (template: ChallengeTemplateDto) =>
    setEditing({ id: template.id, text: JSON.stringify(template.template, null, 2), errors: [] });

  const saveEdit = async (event: FormEvent) => {
    event.preventDefault();
    if (!editing) return;
    let json: unknown;
    try {
      json = JSON.parse(editing.text);
    } catch (e) {
      setEditing({ ...editing, errors: [{ path: '(JSON)', message: errorMessage(e) }] });
      return;
    }
    try {
      await api['challenges:save-template']({ templateId: editing.id, template: json });
      setEditing(null);
      await reload();
    } catch (e) {
      const details =
        e instanceof ContractCallError ? (e.details as { errors?: unknown } | undefined) : undefined;
      const errors = Array.isArray(details?.errors)
        ? (details.errors as { path: string; message: string }[])
        : [{ path: '', message: errorMessage(e) }];
      setEditing({ ...editing, errors });
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
    editing,
    setEditing,
    edit,
    saveEdit,
    buy,
    buyNotice,
  };
}
