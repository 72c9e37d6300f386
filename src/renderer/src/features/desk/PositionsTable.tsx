import type { OrderDto, PositionDto } from '../../../../shared/dto';
import { formatPrice, formatSignedMoney, formatTs } from '../../shared/format';
import { OrderRow } from './OrderRow';
import { PositionRow } from './PositionRow';

export function PositionsTable(props: {
  positions: PositionDto[];
  history: PositionDto[];
  orders: OrderDto[];
  digits: number;
  disabled?: boolean;
  onClose: (positionId: string, lots?: number) => void;
  onBreakEven: (positionId: string) => void;
  onReverse: (positionId: string) => void;
  onModify: (positionId: string, sl: number | null, tp: number | null) => void;
  onModifyOrder: (
    orderId: string,
    change: { price?: number; sl?: number | null; tp?: number | null },
  ) => void;
  onCancelOrder: (orderId: string) => void;
  onCloseAll?: () => void;
}) {
  const disabled = props.disabled ?? false;
  const open = props.positions.filter((p) => p.status === 'OPEN');
  const closed = [...props.history].sort((a, b) => (b.closedTs ?? 0) - (a.closedTs ?? 0));
  const pending = props.orders.filter((o) => o.status === 'PENDING');
  return (
    <>
      <table aria-label="Open positions">
        <caption>
          Open positions
          {props.onCloseAll && open.length > 0 && (
            <button type="button" className="caption-action" disabled={disabled} onClick={props.onCloseAll}>
              Close all positions
            </button>
          )}
        </caption>
        <thead>
          <tr>
            <th>Opened (UTC)</th>
            <th>Side</th>
            <th className="num">Lots</th>
            <th className="num">Entry</th>
            <th className="num">Stop loss</th>
            <th className="num">Take profit</th>
            <th className="num">Open P&amp;L</th>
            <th>Actions</th>
          </tr>
        </thead>
        <tbody>
          {open.map((p, index) => (
            <PositionRow
              key={p.id}
              position={p}
              index={index}
              digits={props.digits}
              disabled={disabled}
              onClose={props.onClose}
              onBreakEven={props.onBreakEven}
              onReverse={props.onReverse}
              onModify={props.onModify}
            />
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
              <th>Actions</th>
            </tr>
          </thead>
          <tbody>
            {pending.map((o, index) => (
              <OrderRow
                key={o.id}
                order={o}
                index={index}
                digits={props.digits}
                disabled={disabled}
                onModify={props.onModifyOrder}
                onCancel={props.onCancelOrder}
              />
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
