import { useCallback, useEffect, useRef, useState } from 'react';
import type { ChallengeDto, ChallengeOrderPreviewDto } from '../../../../shared/contract/challenges';
import type { OrderSide } from '../../../../shared/dto';
import { api } from '../../shared/contract-client';
import { errorMessage } from '../../shared/format';

/** What the ticket would send, for the breach preview. */
export interface TicketIntent {
  side: OrderSide;
  /** Market, limit or stop: a limit entry pays no slippage. */
  type?: 'MARKET' | 'LIMIT' | 'STOP';
  lots: number;
  /** Entry of a pending order; null = market. */
  price: number | null;
  slPrice: number | null;
}

/**
 * The challenge a desk session is bound to (null for a plain session): its dashboard, re-read
 * whenever `account` changes (every replay step and every trader action changes it), and the
 * breach preview of the ticket's order.
 */
export function useChallenge(sessionId: string, account: unknown) {
  const [challenge, setChallenge] = useState<ChallengeDto | null>(null);
  const [error, setError] = useState<string | null>(null);
  const inFlight = useRef(false);
  const again = useRef(false);

  const refresh = useCallback(async () => {
    // Ticks arrive faster than the dashboard needs: one read at a time, one more after it.
    if (inFlight.current) {
      again.current = true;
      return;
    }
    inFlight.current = true;
    try {
      do {
        again.current = false;
        const { challenge: found } = await api['challenges:for-session']({ sessionId });
        setChallenge(found);
      } while (again.current);
      setError(null);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      inFlight.current = false;
    }
  }, [sessionId]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new account object is the signal to re-read
  useEffect(() => {
    void refresh();
  }, [refresh, account]);

  /** Ends the challenge as the trader's decision; `after` redraws the desk (positions closed, session over). */
  const end = useCallback(
    async (after: () => Promise<void>) => {
      if (!challenge) return;
      try {
        setChallenge(await api['challenges:end']({ challengeId: challenge.id }));
        setError(null);
        await after();
      } catch (e) {
        setError(errorMessage(e));
      }
    },
    [challenge],
  );

  return { challenge, error, refresh, end };
}

/** The breach preview of the ticket's order, re-asked when the intent changes (last answer wins). */
export function useBreachPreview(challengeId: string | null, intent: TicketIntent | null, version: unknown) {
  const [preview, setPreview] = useState<ChallengeOrderPreviewDto | null>(null);
  const [error, setError] = useState<string | null>(null);
  const key = intent ? `${intent.side}|${intent.type}|${intent.lots}|${intent.price}|${intent.slPrice}` : '';
  const asked = useRef(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: the key stands for the intent; version is a new account
  useEffect(() => {
    if (!challengeId || !intent || !(intent.lots > 0)) {
      setPreview(null);
      return;
    }
    const n = ++asked.current;
    api['challenges:preview-order']({
      challengeId,
      side: intent.side,
      ...(intent.type ? { type: intent.price === null ? 'MARKET' : intent.type } : {}),
      lots: intent.lots,
      ...(intent.price !== null ? { price: intent.price } : {}),
      ...(intent.slPrice !== null ? { sl: intent.slPrice } : {}),
    })
      .then((p) => {
        if (n !== asked.current) return;
        setPreview(p);
        setError(null);
      })
      .catch((e) => {
        if (n !== asked.current) return;
        setPreview(null);
        setError(errorMessage(e));
      });
  }, [challengeId, key, version]);

  return { preview, error };
}
