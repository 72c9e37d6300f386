import { type FormEvent, useCallback, useEffect, useState } from 'react';
import type { SpreadSchedule } from '../../../../core/execution/spread';
import type { InstrumentDto, InstrumentSpec } from '../../../../shared/dto';
import { api } from '../../shared/contract-client';
import { errorMessage } from '../../shared/format';

interface InstrumentDraft extends InstrumentSpec {
  id?: string;
  enabled: boolean;
  spreadSchedule: SpreadSchedule | null;
}

const EMPTY: InstrumentDraft = {
  symbol: '',
  displayName: '',
  digits: 5,
  pipSize: 0.0001,
  contractSize: 100_000,
  baseCurrency: '',
  quoteCurrency: 'USD',
  enabled: true,
  spreadSchedule: null,
};

/** The instruments page's state and contract calls: the list, the instrument being added or edited, saving it. */
export function useInstrumentEditor() {
  const [instruments, setInstruments] = useState<InstrumentDto[]>([]);
  const [draft, setDraft] = useState<InstrumentDraft>(EMPTY);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);

  const reload = useCallback(async () => setInstruments(await api['instruments:list']({})), []);
  useEffect(() => {
    reload().catch((e) => setError(errorMessage(e)));
  }, [reload]);

  const set = <K extends keyof InstrumentDraft>(key: K, value: InstrumentDraft[K]) =>
    setDraft((d) => ({ ...d, [key]: value }));

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    setSaved(null);
    try {
      const instrument = await api['instruments:save'](draft);
      setSaved(`${instrument.symbol} saved.`);
      setDraft(EMPTY);
      await reload();
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  const edit = (instrument: InstrumentDto) => setDraft({ ...instrument });
  const cancelEditing = () => setDraft(EMPTY);

  return { instruments, draft, set, error, saved, save, edit, cancelEditing };
}
