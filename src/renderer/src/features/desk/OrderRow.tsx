import { useState } from 'react';
import type { OrderDto } from '../../../../shared/dto';
import { formatPrice, formatTs } from '../../shared/format';
import { PriceCell } from './PriceCell';
import { editText, num } from './price-edit';

/** A pending order's row: price, SL and TP edited in place, or cancelled. */
export function OrderRow(props: {
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
