import type { LedgerEntryDto } from '../../../../shared/dto';
import { formatMoney, formatSignedMoney, formatTs } from '../../shared/format';

const TYPE_NAMES: Record<LedgerEntryDto['type'], string> = {
  DEPOSIT: 'Deposit',
  WITHDRAWAL: 'Withdrawal',
  COMMISSION: 'Commission',
  PNL: 'Profit / loss',
  SLIPPAGE: 'Slippage',
  SPREAD: 'Spread',
  SWAP: 'Swap',
  ADJUSTMENT: 'Adjustment',
};

export function LedgerTable({
  transactions,
  currency,
}: {
  transactions: LedgerEntryDto[];
  currency: string;
}) {
  return (
    <table aria-label="Ledger">
      <caption>Ledger</caption>
      <thead>
        <tr>
          <th className="num">#</th>
          <th>Time (UTC)</th>
          <th>Type</th>
          <th className="num">Amount</th>
          <th className="num">Balance after</th>
        </tr>
      </thead>
      <tbody>
        {transactions.map((t) => (
          <tr key={t.id}>
            <td className="num">{t.seq}</td>
            <td>{formatTs(t.ts)}</td>
            <td>{TYPE_NAMES[t.type]}</td>
            <td className={`num ${t.amountCents >= 0 ? 'up' : 'down'}`}>
              {formatSignedMoney(t.amountCents)}
            </td>
            <td className="num">{formatMoney(t.balanceAfterCents, currency)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
