import { type ConversionMode, conversionMode, quoteToAccount } from '../../../../core/portfolio/money';
import { lotsForRisk } from '../../../../core/portfolio/sizing';
import type { AccountDto, InstrumentDto, OrderSide, OrderType } from '../../../../shared/dto';

export type LevelMode = 'price' | 'pips';

export interface TicketDraft {
  side: OrderSide;
  type: OrderType;
  /** Pending orders only. */
  price: number | null;
  sizing: 'lots' | 'risk';
  lots: number;
  riskPct: number;
  levelMode: LevelMode;
  sl: number | null;
  tp: number | null;
}

export interface TicketPreview {
  entry: number;
  lots: number;
  slPrice: number | null;
  tpPrice: number | null;
  /** Money lost at the stop loss, in account currency; null without a stop loss. */
  riskAmount: number | null;
  rewardAmount: number | null;
  /** Reward over risk, e.g. 2 for 1:2. */
  rewardRisk: number | null;
  /** Null when the account currency is in neither leg and no rate is configured. */
  conversion: ConversionMode | null;
}

/** A level typed as pips becomes a price on the losing (SL) or winning (TP) side of the entry. */
function levelPrice(draft: TicketDraft, value: number | null, kind: 'sl' | 'tp', entry: number, pip: number) {
  if (value === null || !Number.isFinite(value) || value <= 0) return null;
  if (draft.levelMode === 'price') return value;
  const sign = (draft.side === 'BUY' ? 1 : -1) * (kind === 'tp' ? 1 : -1);
  return entry + sign * value * pip;
}

/** What the ticket shows before sending: the entry, size, levels, risk in money and R:R. */
export function previewTicket(
  draft: TicketDraft,
  instrument: InstrumentDto,
  account: AccountDto,
): TicketPreview {
  const entry =
    draft.type === 'MARKET' || draft.price === null
      ? draft.side === 'BUY'
        ? account.ask
        : account.bid
      : draft.price;
  const slPrice = levelPrice(draft, draft.sl, 'sl', entry, instrument.pipSize);
  const tpPrice = levelPrice(draft, draft.tp, 'tp', entry, instrument.pipSize);
  const conversion = conversionMode(
    instrument.baseCurrency,
    instrument.quoteCurrency,
    account.currency,
    null,
  );
  const spec = { ...instrument };
  let lots = draft.lots;
  if (draft.sizing === 'risk') {
    lots =
      slPrice === null || conversion === null
        ? 0
        : lotsForRisk({
            spec,
            conversion,
            capital: account.balanceCents / 100,
            riskPct: draft.riskPct,
            slDistance: Math.abs(entry - slPrice),
            price: entry,
          });
  }
  const money = (distance: number) =>
    conversion === null ? null : quoteToAccount(distance * instrument.contractSize * lots, conversion, entry);
  const riskAmount = slPrice === null ? null : money(Math.abs(entry - slPrice));
  const rewardAmount = tpPrice === null ? null : money(Math.abs(tpPrice - entry));
  const rewardRisk = riskAmount && rewardAmount !== null ? rewardAmount / riskAmount : null;
  return { entry, lots, slPrice, tpPrice, riskAmount, rewardAmount, rewardRisk, conversion };
}

/**
 * A pending order at `price`: a buy below the ask (or a sell above the bid) waits for a better
 * price, a limit; otherwise it waits for a breakout, a stop.
 */
export function pendingTypeAt(
  side: OrderSide,
  price: number,
  account: { bid: number; ask: number },
): OrderType {
  if (side === 'BUY') return price < account.ask ? 'LIMIT' : 'STOP';
  return price > account.bid ? 'LIMIT' : 'STOP';
}

/** "1 lot", "0.5 lots": the ticket's size in words. */
export const lotsText = (lots: number) => `${lots} ${lots === 1 ? 'lot' : 'lots'}`;
