import { formatPrice } from '../../shared/format';
import { num } from './price-edit';
import { lotsText } from './ticket-math';
import { type OrderTicketProps, type TicketType, useOrderTicket } from './use-order-ticket';

/**
 * The order ticket: market, limit and stop orders, sized in lots or by risk %, with stop loss and
 * take profit as prices or pips; shows the risk in money and R:R before sending.
 */
export function OrderTicket(props: OrderTicketProps) {
  const { instrument, account, disabled } = props;
  const {
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
  } = useOrderTicket(props);

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
            min={instrument.minLot}
            step={instrument.lotStep}
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
      {props.extraPreview?.(shownOrder)}
      {message && (
        <p role="status" className="hint">
          {message}
        </p>
      )}
    </section>
  );
}
