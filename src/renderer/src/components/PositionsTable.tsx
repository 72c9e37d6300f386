import type { OrderDto, PositionDto } from '../../../shared/dto';
import { formatPrice, formatSignedMoney, formatTs } from '../format';

export function PositionsTable(props: {
  positions: PositionDto[];
  history: PositionDto[];
  orders: OrderDto[];
  digits: number;
  onClose: (positionId: string) => void;
}) {
  const open = props.positions.filter((p) => p.status === 'OPEN');
  const closed = [...props.history].sort((a, b) => (b.closedTs ?? 0) - (a.closedTs ?? 0));
  const pending = props.orders.filter((o) => o.status === 'PENDING');
  return (
    <>
      <table aria-label="Open positions">
        <caption>Open positions</caption>
        <thead>
          <tr>
            <th>Opened (UTC)</th>
            <th>Side</th>
            <th className="num">Lots</th>
            <th className="num">Entry</th>
            <th className="num">Stop loss</th>
            <th className="num">Take profit</th>
            <th className="num">Open P&amp;L</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {open.map((p) => (
            <tr key={p.id}>
              <td>{formatTs(p.openedTs)}</td>
              <td className={p.side === 'BUY' ? 'buy-text' : 'sell-text'}>
                {p.side === 'BUY' ? 'Buy' : 'Sell'}
              </td>
              <td className="num">{p.lots}</td>
              <td className="num">{formatPrice(p.entryPrice, props.digits)}</td>
              <td className="num">{formatPrice(p.slPrice, props.digits)}</td>
              <td className="num">{formatPrice(p.tpPrice, props.digits)}</td>
              <td className={`num ${(p.openPnlCents ?? 0) >= 0 ? 'up' : 'down'}`}>
                {formatSignedMoney(p.openPnlCents ?? 0)}
              </td>
              <td>
                <button
                  type="button"
                  onClick={() => props.onClose(p.id)}
                  aria-label={`Close position ${p.id}`}
                >
                  Close
                </button>
              </td>
            </tr>
          ))}
          {open.length === 0 && (
            <tr>
              <td colSpan={8} className="hint">
                No open positions.
              </td>
            </tr>
          )}
        </tbody>
      </table>
      {pending.length > 0 && (
        <table aria-label="Pending orders">
          <caption>Pending orders</caption>
          <thead>
            <tr>
              <th>Placed (UTC)</th>
              <th>Order</th>
              <th className="num">Lots</th>
              <th className="num">Price</th>
              <th className="num">Stop loss</th>
              <th className="num">Take profit</th>
            </tr>
          </thead>
          <tbody>
            {pending.map((o) => (
              <tr key={o.id}>
                <td>{formatTs(o.placedTs)}</td>
                <td>
                  {o.side === 'BUY' ? 'Buy' : 'Sell'} {o.type.toLowerCase()}
                </td>
                <td className="num">{o.lots}</td>
                <td className="num">{formatPrice(o.price, props.digits)}</td>
                <td className="num">{formatPrice(o.slPrice, props.digits)}</td>
                <td className="num">{formatPrice(o.tpPrice, props.digits)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <table aria-label="Closed positions">
        <caption>History</caption>
        <thead>
          <tr>
            <th>Closed (UTC)</th>
            <th>Side</th>
            <th className="num">Lots</th>
            <th className="num">Entry</th>
            <th className="num">Exit</th>
            <th className="num">Result</th>
            <th>Status</th>
          </tr>
        </thead>
        <tbody>
          {closed.map((p) => (
            <tr key={p.id}>
              <td>{formatTs(p.closedTs)}</td>
              <td>{p.side === 'BUY' ? 'Buy' : 'Sell'}</td>
              <td className="num">{p.lots}</td>
              <td className="num">{formatPrice(p.entryPrice, props.digits)}</td>
              <td className="num">{formatPrice(p.exitPrice, props.digits)}</td>
              <td className={`num ${(p.realizedPnlCents ?? 0) >= 0 ? 'up' : 'down'}`}>
                {formatSignedMoney(p.realizedPnlCents ?? 0)}
              </td>
              <td>{p.status === 'LIQUIDATED' ? 'Liquidated' : 'Closed'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
