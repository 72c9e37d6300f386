import { useState } from 'react';
import type { PositionDto } from '../../../../shared/dto';
import { formatPrice, formatSignedMoney, formatTs } from '../../shared/format';
import { PriceCell } from './PriceCell';
import { editText, num } from './price-edit';

/** An open position's row: partial close (lots box), break-even, reverse, and SL/TP edited in place. */
export function PositionRow(props: {
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
