import type { AccountDto } from '../../../../shared/dto';
import { formatMoney, formatPrice, formatSignedMoney } from '../../shared/format';

export function AccountBar({
  account,
  digits,
  dayPnlCents,
}: {
  account: AccountDto;
  digits: number;
  /** Trading results of the cursor's UTC day plus open P&L. */
  dayPnlCents?: number;
}) {
  const item = (label: string, value: string, tone?: 'up' | 'down') => (
    <div className="account-item">
      <span className="label">{label}</span>
      <output aria-label={label} className={tone}>
        {value}
      </output>
    </div>
  );
  const pnlTone = account.openPnlCents > 0 ? 'up' : account.openPnlCents < 0 ? 'down' : undefined;
  return (
    <section className="account-bar" aria-label="Account">
      {item('Balance', formatMoney(account.balanceCents, account.currency))}
      {item('Equity', formatMoney(account.equityCents, account.currency))}
      {item('Open P&L', formatSignedMoney(account.openPnlCents), pnlTone)}
      {dayPnlCents !== undefined &&
        item(
          'Day P&L',
          formatSignedMoney(dayPnlCents),
          dayPnlCents > 0 ? 'up' : dayPnlCents < 0 ? 'down' : undefined,
        )}
      {item('Used margin', formatMoney(account.usedMarginCents, account.currency))}
      {item('Free margin', formatMoney(account.freeMarginCents, account.currency))}
      {item('Margin level', account.marginLevelPct == null ? '—' : `${account.marginLevelPct.toFixed(0)} %`)}
      {item('Bid', formatPrice(account.bid, digits))}
      {item('Ask', formatPrice(account.ask, digits))}
    </section>
  );
}
