import type { PositionDto } from '../../../shared/dto';
import { formatPrice, formatSignedMoney, formatTs } from '../format';

export function PositionsTable(props: {
  positions: PositionDto[];
  digits: number;
  onClose: (positionId: string) => void;
}) {
  const open = props.positions.filter((p) => p.status === 'OPEN');
  const closed = props.positions.filter((p) => p.status !== 'OPEN');
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
