import type { ChallengeDto, ChallengeOrderPreviewDto } from '../../../../shared/contract/challenges';
import { formatMoney } from '../../shared/format';
import { RULE_NAMES } from './challenge-words';
import { type TicketIntent, useBreachPreview } from './use-challenge';

/**
 * In the order ticket: what the order's stop loss, if hit, would leave of the daily and overall
 * loss room, before the order is sent.
 */
export function BreachPreview({
  challenge,
  intent,
  currency,
}: {
  challenge: ChallengeDto;
  intent: TicketIntent;
  currency: string;
}) {
  const { preview, error } = useBreachPreview(
    challenge.status === 'ACTIVE' ? challenge.id : null,
    intent,
    challenge.progress,
  );
  if (challenge.status !== 'ACTIVE') return null;
  if (error) return <p className="hint">{error}</p>;
  if (!preview) return null;
  const m = (cents: number) => formatMoney(cents, currency);
  const bare = (cents: number) => formatMoney(cents, '').trim();
  const row = (label: string, room: ChallengeOrderPreviewDto['daily']) =>
    room && (
      <>
        <dt>{label}</dt>
        <dd className={room.breaches ? 'breach' : ''}>
          {preview.stopLossCents === null
            ? `${m(room.roomCents)} left, no stop loss: unlimited risk`
            : `${bare(room.roomCents)} → ${m(room.roomAfterCents)}`}
          {room.breaches && <strong className="breach-flag"> breaches</strong>}
        </dd>
      </>
    );
  const breaches = preview.daily?.breaches || preview.overall?.breaches || preview.violations.length > 0;
  return (
    <section className={`breach-preview${breaches ? ' breaches' : ''}`} aria-label="Breach preview">
      <h3>If the stop loss is hit</h3>
      <dl>
        <dt>Stop loss costs</dt>
        <dd>{preview.stopLossCents === null ? 'No stop loss' : m(preview.stopLossCents)}</dd>
        {preview.stopLossCost && (
          <dd className="hint stop-loss-cost">
            price {bare(preview.stopLossCost.priceCents)} + slippage{' '}
            {bare(preview.stopLossCost.slippageCents)} + commission{' '}
            {bare(preview.stopLossCost.commissionCents)}
          </dd>
        )}
        {row('Daily loss room', preview.daily)}
        {row('Maximum loss room', preview.overall)}
      </dl>
      {preview.violations.length > 0 && (
        <p className="error">
          Opening it breaks: {preview.violations.map((v) => RULE_NAMES[v] ?? v).join(', ')}
        </p>
      )}
    </section>
  );
}
