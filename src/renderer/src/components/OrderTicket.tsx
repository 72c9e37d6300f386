import { useState } from 'react';
import type { OrderSide } from '../../../shared/dto';
import { api } from '../contract-client';
import { errorMessage } from '../format';

/** Market orders with lots and optional stop loss / take profit prices. */
export function OrderTicket(props: { sessionId: string; disabled: boolean; onPlaced: () => void }) {
  const { sessionId, disabled, onPlaced } = props;
  const [lots, setLots] = useState(1);
  const [sl, setSl] = useState('');
  const [tp, setTp] = useState('');
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);

  const send = async (side: OrderSide) => {
    setMessage(null);
    try {
      const order = await api['orders:place']({
        sessionId,
        side,
        type: 'MARKET',
        lots,
        ...(sl ? { sl: Number(sl) } : {}),
        ...(tp ? { tp: Number(tp) } : {}),
      });
      if (order.status === 'REJECTED') setMessage({ text: `Rejected: ${order.rejectReason}`, error: true });
      else
        setMessage({
          text: `${side === 'BUY' ? 'Bought' : 'Sold'} ${lots} lots at ${order.fillPrice}`,
          error: false,
        });
      onPlaced();
    } catch (e) {
      setMessage({ text: errorMessage(e), error: true });
    }
  };

  return (
    <section className="ticket card" aria-label="Order ticket">
      <h2>Market order</h2>
      <label>
        Lots
        <input
          type="number"
          min={0.01}
          step={0.01}
          value={lots}
          onChange={(e) => setLots(Number(e.target.value))}
        />
      </label>
      <label>
        Stop loss price
        <input inputMode="decimal" value={sl} placeholder="None" onChange={(e) => setSl(e.target.value)} />
      </label>
      <label>
        Take profit price
        <input inputMode="decimal" value={tp} placeholder="None" onChange={(e) => setTp(e.target.value)} />
      </label>
      <div className="ticket-buttons">
        <button type="button" className="sell" disabled={disabled} onClick={() => send('SELL')}>
          Sell
        </button>
        <button type="button" className="buy" disabled={disabled} onClick={() => send('BUY')}>
          Buy
        </button>
      </div>
      {message && (
        <p role={message.error ? 'alert' : 'status'} className={message.error ? 'error' : 'hint'}>
          {message.text}
        </p>
      )}
    </section>
  );
}
