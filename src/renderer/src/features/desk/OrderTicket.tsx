import { type Ref, useImperativeHandle, useState } from 'react';
import type { AccountDto, InstrumentDto, OrderSide, OrderType } from '../../../../shared/dto';
import { api } from '../../shared/contract-client';
import { errorMessage, formatPrice } from '../../shared/format';
import { type LevelMode, pendingTypeAt, previewTicket, type TicketDraft } from './ticket-math';

export interface TicketHandle {
  send(side: OrderSide): Promise<void>;
}

const num = (text: string): number | null => (text.trim() === '' ? null : Number(text));
const lotsText = (lots: number) => `${lots} ${lots === 1 ? 'lot' : 'lots'}`;

/** The ticket's type: PENDING lets the price decide between limit and stop for each side. */
type TicketType = OrderType | 'PENDING';

/**
 * The order ticket: market, limit and stop orders, sized in lots or by risk %, with stop loss and
 * take profit as prices or pips; shows the risk in money and R:R before sending.
 */
export function OrderTicket(props: {
  sessionId: string;
  instrument: InstrumentDto;
  account: AccountDto;
  disabled: boolean;
  /** A price picked on the chart (right-click), to prefill a pending order. */
  pickedPrice: number | null;
  onPlaced: () => void;
  /** Lets keyboard shortcuts send the ticket as it stands. */
  handle?: Ref<TicketHandle>;
}) {
  const { sessionId, instrument, account, disabled, onPlaced } = props;
  const digits = instrument.digits;
  const [type, setType] = useState<TicketType>('MARKET');
  const [price, setPrice] = useState('');
  const [sizing, setSizing] = useState<'lots' | 'risk'>('lots');
  const [lots, setLots] = useState('1');
  const [riskPct, setRiskPct] = useState('1');
  const [levelMode, setLevelMode] = useState<LevelMode>('price');
  const [sl, setSl] = useState('');
  const [tp, setTp] = useState('');
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
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

  const send = async (side: OrderSide) => {
    setMessage(null);
    const preview = previewTicket(draftFor(side), instrument, account);
    if (!(preview.lots > 0)) {
      setMessage({
        text: sizing === 'risk' ? 'Set a stop loss to size by risk.' : 'Lots must be above zero.',
        error: true,
      });
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
      if (order.status === 'REJECTED') setMessage({ text: `Rejected: ${order.rejectReason}`, error: true });
      else if (order.status === 'PENDING')
        setMessage({
          text: `${verb} ${orderType.toLowerCase()} ${lotsText(preview.lots)} at ${order.price} placed`,
          error: false,
        });
      else
        setMessage({ text: `${verb} ${lotsText(preview.lots)} filled at ${order.fillPrice}`, error: false });
      onPlaced();
    } catch (e) {
      setMessage({ text: errorMessage(e), error: true });
    }
  };

  useImperativeHandle(props.handle, () => ({ send }));

  const money = (value: number | null) =>
    value === null
      ? '—'
      : `${value.toLocaleString('en-US', { maximumFractionDigits: 2, minimumFractionDigits: 2 })} ${account.currency}`;

  return (
    <section className="ticket card" aria-label="Order ticket">
      <div className="trade-buttons">
        {(['SELL', 'BUY'] as const).map((side) => (
          <button
            key={side}
            type="button"
            className={`trade-button ${side === 'SELL' ? 'sell' : 'buy'}`}
            disabled={disabled}
            onClick={() => send(side)}
            title={`${side === 'SELL' ? 'Sell' : 'Buy'} (${side === 'SELL' ? 'S' : 'B'})`}
          >
            <span className="trade-side">
              {side === 'SELL' ? 'Sell' : 'Buy'}
              {type !== 'MARKET' && ` ${typeFor(side).toLowerCase()}`}
            </span>
            <strong className="trade-price">
              {formatPrice(
                type !== 'MARKET' && pendingAt !== null
                  ? pendingAt
                  : side === 'SELL'
                    ? account.bid
                    : account.ask,
                digits,
              )}
            </strong>
          </button>
        ))}
        <output className="spread" aria-label="Spread">
          {((account.ask - account.bid) / instrument.pipSize).toFixed(1)}
        </output>
      </div>
      <label>
        Order type
        <select value={type} onChange={(e) => setType(e.target.value as TicketType)}>
          <option value="MARKET">Market</option>
          <option value="LIMIT">Limit</option>
          <option value="STOP">Stop</option>
          <option value="PENDING">Limit or stop, by price</option>
        </select>
      </label>
      {type !== 'MARKET' && (
        <label>
          Order price
          <input inputMode="decimal" value={price} onChange={(e) => setPrice(e.target.value)} />
        </label>
      )}
      {type === 'PENDING' && num(price) !== null && (
        <output className="hint" aria-label="Resulting pending orders">
          Buy {typeFor('BUY').toLowerCase()} · Sell {typeFor('SELL').toLowerCase()}
        </output>
      )}
      <fieldset className="segmented">
        <legend>Size by</legend>
        <label>
          <input type="radio" name="sizing" checked={sizing === 'lots'} onChange={() => setSizing('lots')} />
          In lots
        </label>
        <label>
          <input type="radio" name="sizing" checked={sizing === 'risk'} onChange={() => setSizing('risk')} />
          By risk %
        </label>
      </fieldset>
      {sizing === 'lots' ? (
        <label>
          Lots
          <input
            type="number"
            min={0.01}
            step={0.01}
            value={lots}
            onChange={(e) => setLots(e.target.value)}
          />
        </label>
      ) : (
        <label>
          Risk (% of balance)
          <input
            type="number"
            min={0.01}
            step={0.1}
            value={riskPct}
            onChange={(e) => setRiskPct(e.target.value)}
          />
        </label>
      )}
      <fieldset className="segmented">
        <legend>Stop loss and take profit in</legend>
        <label>
          <input
            type="radio"
            name="levels"
            checked={levelMode === 'price'}
            onChange={() => setLevelMode('price')}
          />
          As prices
        </label>
        <label>
          <input
            type="radio"
            name="levels"
            checked={levelMode === 'pips'}
            onChange={() => setLevelMode('pips')}
          />
          In pips
        </label>
      </fieldset>
      <div className="ticket-pair">
        <label>
          {levelMode === 'price' ? 'Stop loss' : 'Stop loss (pips)'}
          <input inputMode="decimal" value={sl} placeholder="None" onChange={(e) => setSl(e.target.value)} />
        </label>
        <label>
          {levelMode === 'price' ? 'Take profit' : 'Take profit (pips)'}
          <input inputMode="decimal" value={tp} placeholder="None" onChange={(e) => setTp(e.target.value)} />
        </label>
      </div>
      <dl className="ticket-preview" aria-label="Order preview">
        <dt>Size</dt>
        <dd>
          {lotsText(shown.lots)} {previewSide === 'BUY' ? 'long' : 'short'}
        </dd>
        <dt>Risk</dt>
        <dd>{money(shown.riskAmount)}</dd>
        <dt>Reward : risk</dt>
        <dd>{shown.rewardRisk === null ? '—' : `${shown.rewardRisk.toFixed(2)} : 1`}</dd>
      </dl>
      {message && (
        <p role={message.error ? 'alert' : 'status'} className={message.error ? 'error' : 'hint'}>
          {message.text}
        </p>
      )}
    </section>
  );
}
