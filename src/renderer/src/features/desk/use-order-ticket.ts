import { type ReactNode, type Ref, useImperativeHandle, useState } from 'react';
import { lotsError } from '../../../../core/execution/order-checks';
import type { AccountDto, InstrumentDto, OrderSide, OrderType } from '../../../../shared/dto';
import { api } from '../../shared/contract-client';
import { errorMessage } from '../../shared/format';
import { num } from './price-edit';
import { type LevelMode, lotsText, pendingTypeAt, previewTicket, type TicketDraft } from './ticket-math';

export interface TicketHandle {
  send(side: OrderSide): Promise<void>;
}

/** The ticket's type: PENDING lets the price decide between limit and stop for each side. */
export type TicketType = OrderType | 'PENDING';

export interface OrderTicketProps {
  sessionId: string;
  instrument: InstrumentDto;
  account: AccountDto;
  disabled: boolean;
  /** A price picked on the chart (right-click), to prefill a pending order. */
  pickedPrice: number | null;
  onPlaced: () => void;
  /**
   * A refused order's message goes to the desk's one error, so the next successful action there
   * (another order, a close from the table) clears it, whatever sent it.
   */
  onError: (message: string) => void;
  /** Lets keyboard shortcuts send the ticket as it stands. */
  handle?: Ref<TicketHandle>;
  /** More preview under the ticket's own (a challenge's breach preview), from the order as it stands. */
  extraPreview?: (order: TicketOrder) => ReactNode;
}

/** The order the ticket would send now, as its preview shows it. */
export interface TicketOrder {
  side: OrderSide;
  type: OrderType;
  lots: number;
  /** Entry of a pending order; null = market. */
  price: number | null;
  slPrice: number | null;
}

/**
 * The order ticket's draft (type, price, size, levels), its preview against the account, and
 * `orders:place`; the answer becomes the ticket's message.
 */
export function useOrderTicket(props: OrderTicketProps) {
  const { sessionId, instrument, account, onPlaced, onError } = props;
  const digits = instrument.digits;
  const [type, setType] = useState<TicketType>('MARKET');
  const [price, setPrice] = useState('');
  const [sizing, setSizing] = useState<'lots' | 'risk'>('lots');
  const [lots, setLots] = useState('1');
  const [riskPct, setRiskPct] = useState('1');
  const [levelMode, setLevelMode] = useState<LevelMode>('price');
  const [sl, setSl] = useState('');
  const [tp, setTp] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const [pickedSeen, setPickedSeen] = useState<number | null>(null);

  if (props.pickedPrice !== null && props.pickedPrice !== pickedSeen) {
    setPickedSeen(props.pickedPrice);
    setPrice(props.pickedPrice.toFixed(digits));
    setType('PENDING');
  }

  const typeFor = (side: OrderSide): OrderType => {
    const at = num(price);
    if (type !== 'PENDING') return type;
    return at === null || !Number.isFinite(at) ? 'LIMIT' : pendingTypeAt(side, at, account);
  };

  const draftFor = (side: OrderSide): TicketDraft => ({
    side,
    type: typeFor(side),
    price: num(price),
    sizing,
    lots: num(lots) ?? 0,
    riskPct: num(riskPct) ?? 0,
    levelMode,
    sl: num(sl),
    tp: num(tp),
  });
  // The preview follows the side the levels imply: a stop loss above the price is a sell's.
  const slAt = num(sl);
  const previewSide: OrderSide =
    levelMode === 'price' && slAt !== null && slAt > account.ask ? 'SELL' : 'BUY';
  // A pending order's buttons show its own price; a market order's, the bid and the ask.
  const pendingAt = num(price) !== null && Number.isFinite(num(price)) ? num(price) : null;
  const shown = previewTicket(draftFor(previewSide), instrument, account);
  const shownOrder: TicketOrder = {
    side: previewSide,
    type: typeFor(previewSide),
    lots: shown.lots,
    price: type === 'MARKET' ? null : pendingAt,
    slPrice: shown.slPrice === null ? null : Number(shown.slPrice.toFixed(digits)),
  };

  const send = async (side: OrderSide) => {
    setMessage(null);
    const preview = previewTicket(draftFor(side), instrument, account);
    if (!(preview.lots > 0)) {
      onError(sizing === 'risk' ? 'Set a stop loss to size by risk.' : 'Lots must be above zero.');
      return;
    }
    // The contract takes at most 1,000 lots an order: say so here rather than relay its schema error.
    const badLots =
      preview.lots > 1000
        ? `${lotsText(preview.lots)} is more than one order can take (1,000 lots at most)`
        : lotsError(preview.lots, instrument.minLot, instrument.lotStep);
    if (badLots) {
      onError(`${badLots}.`);
      return;
    }
    const orderType = typeFor(side);
    try {
      const order = await api['orders:place']({
        sessionId,
        side,
        type: orderType,
        lots: preview.lots,
        ...(orderType !== 'MARKET' ? { price: num(price) ?? undefined } : {}),
        ...(preview.slPrice !== null ? { sl: Number(preview.slPrice.toFixed(digits)) } : {}),
        ...(preview.tpPrice !== null ? { tp: Number(preview.tpPrice.toFixed(digits)) } : {}),
      });
      const verb = side === 'BUY' ? 'Buy' : 'Sell';
      if (order.status === 'REJECTED') {
        onError(errorMessage(`Rejected: ${order.rejectReason}`));
        return;
      }
      setMessage(
        order.status === 'PENDING'
          ? `${verb} ${orderType.toLowerCase()} ${lotsText(preview.lots)} at ${order.price} placed`
          : `${verb} ${lotsText(preview.lots)} filled at ${order.fillPrice}`,
      );
      onPlaced();
    } catch (e) {
      onError(errorMessage(e));
    }
  };

  useImperativeHandle(props.handle, () => ({ send }));

  return {
    digits,
    type,
    setType,
    price,
    setPrice,
    sizing,
    setSizing,
    lots,
    setLots,
    riskPct,
    setRiskPct,
    levelMode,
    setLevelMode,
    sl,
    setSl,
    tp,
    setTp,
    message,
    typeFor,
    previewSide,
    pendingAt,
    shown,
    shownOrder,
    send,
  };
}
