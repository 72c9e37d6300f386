import { useState } from 'react';
import type { OrderDto, PositionDto } from '../../../../shared/dto';
import { formatPrice, formatSignedMoney, formatTs } from '../../shared/format';

const num = (text: string): number | null => (text.trim() === '' ? null : Number(text));
/** A price as the text of its edit box: empty when there is none. */
const editText = (price: number | null | undefined, digits: number) =>
  price == null ? '' : price.toFixed(digits);

/** A price, stop loss or take profit cell: the price, or a box while its row is being edited. */
function PriceCell(props: { label: string; editing: boolean; text: string; onText: (text: string) => void }) {
  return (
    <td className="num">
      {props.editing ? (
        <input
          className="cell-input"
          inputMode="decimal"
          aria-label={props.label}
          placeholder="None"
          value={props.text}
          onChange={(e) => props.onText(e.target.value)}
        />
      ) : (
        props.text
      )}
    </td>
  );
}

/** An open position's row: partial close (lots box), break-even, reverse, and SL/TP edited in place. */
function PositionRow(props: {
  position: PositionDto;
  index: number;
  digits: number;
  disabled: boolean;
  onClose: (positionId: string, lots?: number) => void;
  onBreakEven: (positionId: string) => void;
  onReverse: (positionId: string) => void;
  onModify: (positionId: string, sl: number | null, tp: number | null) => void;
}) {
  const { position: p, digits } = props;
  const [lots, setLots] = useState(String(p.lots));
  const [seenLots, setSeenLots] = useState(p.lots);
  const [editing, setEditing] = useState(false);
  const [sl, setSl] = useState('');
  const [tp, setTp] = useState('');
  if (seenLots !== p.lots) {
    setSeenLots(p.lots);
    setLots(String(p.lots));
  }
  const name = `position ${props.index + 1}`;
  const closeLots = num(lots);
  const startEdit = () => {
    setSl(editText(p.slPrice, digits));
    setTp(editText(p.tpPrice, digits));
    setEditing(true);
  };
  return (
    <tr>
      <td>{formatTs(p.openedTs)}</td>
      <td className={p.side === 'BUY' ? 'buy-text' : 'sell-text'}>{p.side === 'BUY' ? 'Buy' : 'Sell'}</td>
      <td className="num">{p.lots}</td>
      <td className="num">{formatPrice(p.entryPrice, digits)}</td>
      <PriceCell
        label={`Stop loss of ${name}`}
        editing={editing}
        text={editing ? sl : formatPrice(p.slPrice, digits)}
        onText={setSl}
      />
      <PriceCell
        label={`Take profit of ${name}`}
        editing={editing}
        text={editing ? tp : formatPrice(p.tpPrice, digits)}
        onText={setTp}
      />
      <td className={`num ${(p.openPnlCents ?? 0) >= 0 ? 'up' : 'down'}`}>
        {formatSignedMoney(p.openPnlCents ?? 0)}
      </td>
      <td className="row-actions">
        {editing ? (
          <>
            <button
              type="button"
              aria-label={`Save stop loss and take profit of ${name}`}
              onClick={() => {
                setEditing(false);
                props.onModify(p.id, num(sl), num(tp));
              }}
            >
              Save
            </button>
            <button type="button" aria-label={`Cancel editing ${name}`} onClick={() => setEditing(false)}>
              Cancel
            </button>
          </>
        ) : (
          <>
            <input
              className="cell-input lots"
              type="number"
              min={0.01}
              max={p.lots}
              step={0.01}
              aria-label={`Lots to close of ${name}`}
              value={lots}
              onChange={(e) => setLots(e.target.value)}
            />
            <button
              type="button"
              disabled={props.disabled || !(closeLots && closeLots > 0)}
              aria-label={`Close position ${p.id}`}
              title="Close the lots in the box (all of them closes the position)"
              onClick={() => props.onClose(p.id, closeLots && closeLots < p.lots ? closeLots : undefined)}
            >
              Close
            </button>
            <button
              type="button"
              disabled={props.disabled}
              aria-label={`Move the stop loss of ${name} to break-even`}
              onClick={() => props.onBreakEven(p.id)}
            >
              Break-even
            </button>
            <button
              type="button"
              disabled={props.disabled}
              aria-label={`Reverse ${name}`}
              onClick={() => props.onReverse(p.id)}
            >
              Reverse
            </button>
            <button
              type="button"
              disabled={props.disabled}
              aria-label={`Modify stop loss and take profit of ${name}`}
              onClick={startEdit}
            >
              Modify
            </button>
          </>
        )}
      </td>
    </tr>
  );
}

/** A pending order's row: price, SL and TP edited in place, or cancelled. */
function OrderRow(props: {
  order: OrderDto;
  index: number;
  digits: number;
  disabled: boolean;
  onModify: (orderId: string, change: { price?: number; sl?: number | null; tp?: number | null }) => void;
  onCancel: (orderId: string) => void;
}) {
  const { order: o, digits } = props;
  const [editing, setEditing] = useState(false);
  const [price, setPrice] = useState('');
  const [sl, setSl] = useState('');
  const [tp, setTp] = useState('');
  const name = `order ${props.index + 1}`;
  return (
    <tr>
      <td>{formatTs(o.placedTs)}</td>
      <td>
        {o.side === 'BUY' ? 'Buy' : 'Sell'} {o.type.toLowerCase()}
      </td>
      <td className="num">{o.lots}</td>
      <PriceCell
        label={`Price of ${name}`}
        editing={editing}
        text={editing ? price : formatPrice(o.price, digits)}
        onText={setPrice}
      />
      <PriceCell
        label={`Stop loss of ${name}`}
        editing={editing}
        text={editing ? sl : formatPrice(o.slPrice, digits)}
        onText={setSl}
      />
      <PriceCell
        label={`Take profit of ${name}`}
        editing={editing}
        text={editing ? tp : formatPrice(o.tpPrice, digits)}
        onText={setTp}
      />
      <td className="row-actions">
        {editing ? (
          <>
            <button
              type="button"
              aria-label={`Save ${name}`}
              onClick={() => {
                setEditing(false);
                const p = num(price);
                props.onModify(o.id, { ...(p ? { price: p } : {}), sl: num(sl), tp: num(tp) });
              }}
            >
              Save
            </button>
            <button type="button" aria-label={`Cancel editing ${name}`} onClick={() => setEditing(false)}>
              Back
            </button>
          </>
        ) : (
          <>
            <button
              type="button"
              disabled={props.disabled}
              aria-label={`Modify ${name}`}
              onClick={() => {
                setPrice(editText(o.price, digits));
                setSl(editText(o.slPrice, digits));
                setTp(editText(o.tpPrice, digits));
                setEditing(true);
              }}
            >
              Modify
            </button>
            <button
              type="button"
              disabled={props.disabled}
              aria-label={`Cancel ${name}`}
              onClick={() => props.onCancel(o.id)}
            >
              Cancel order
            </button>
          </>
        )}
      </td>
    </tr>
  );
}

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
