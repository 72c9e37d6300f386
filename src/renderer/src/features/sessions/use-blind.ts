import { useState } from 'react';
import type { BlindInfoDto } from '../../../../shared/contract/blind';
import { api } from '../../shared/contract-client';
import { errorMessage } from '../../shared/format';

/** Blind practice on the sessions page: start one (rebased or not) and end one to see what it was. */
export function useBlind(onOpen: (sessionId: string) => void, reload: () => Promise<void>) {
  const [rebase, setRebase] = useState(true);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [revealed, setRevealed] = useState<(BlindInfoDto & { name: string }) | null>(null);

  const start = async () => {
    setBusy(true);
    setError(null);
    try {
      const session = await api['blind:start']({ rebase });
      onOpen(session.id);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const end = async (sessionId: string, name: string) => {
    setError(null);
    try {
      const info = await api['blind:end']({ sessionId });
      setRevealed({ ...info, name });
      await reload();
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  return { rebase, setRebase, busy, error, revealed, start, end };
}

export type BlindState = ReturnType<typeof useBlind>;
