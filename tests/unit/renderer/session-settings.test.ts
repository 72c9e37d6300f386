import { describe, expect, it } from 'vitest';
import {
  createInputFromDraft,
  DEFAULT_DRAFT,
  needsQuoteRate,
} from '../../../src/renderer/src/features/sessions/session-settings';
import { createSessionInput } from '../../../src/shared/contract/trading';
import type { InstrumentDto } from '../../../src/shared/dto';

const instrument = (symbol: string, base: string, quote: string): InstrumentDto =>
  ({ symbol, baseCurrency: base, quoteCurrency: quote }) as InstrumentDto;
const EURUSD = instrument('EURUSD', 'EUR', 'USD');
const EURGBP = instrument('EURGBP', 'EUR', 'GBP');

describe('the new-session form', () => {
  it('sends every setting, with the start and end read as UTC, and passes the contract', () => {
    const input = createInputFromDraft(
      { ...DEFAULT_DRAFT, symbol: 'EURUSD', startAt: '2019-01-02T10:00', endAt: '2019-01-03T00:00' },
      EURUSD,
    );
    expect(input).toEqual({
      symbol: 'EURUSD',
      timeframe: 'M1',
      speed: '1x',
      startAt: '2019-01-02T10:00:00Z',
      endAt: '2019-01-03T00:00:00Z',
      balance: 10_000,
      currency: 'USD',
      leverage: 100,
      stopOutPct: 50,
      spreadPts: 10,
      slippagePts: 0,
      commissionPerLot: 3.5,
    });
    expect(createSessionInput.safeParse(input).success).toBe(true);
  });

  it('sends only the risk rules the trader filled in, and no end when the box is empty', () => {
    const input = createInputFromDraft(
      { ...DEFAULT_DRAFT, symbol: 'EURUSD', startAt: '2019-01-02T10:00', maxRiskPct: 1, maxTradesPerDay: 3 },
      EURUSD,
    );
    expect(input.risk).toEqual({ maxRiskPct: 1, maxTradesPerDay: 3 });
    expect(input).not.toHaveProperty('endAt');
  });

  it('asks for a quote rate only for a cross of the account currency', () => {
    expect(needsQuoteRate(EURUSD, 'USD')).toBe(false);
    expect(needsQuoteRate(EURUSD, 'EUR')).toBe(false);
    expect(needsQuoteRate(EURGBP, 'USD')).toBe(true);
    const draft = { ...DEFAULT_DRAFT, startAt: '2019-01-02T10:00', quoteRate: 1.27 };
    expect(createInputFromDraft({ ...draft, symbol: 'EURGBP' }, EURGBP).quoteRate).toBe(1.27);
    expect(createInputFromDraft({ ...draft, symbol: 'EURUSD' }, EURUSD)).not.toHaveProperty('quoteRate');
  });
});
