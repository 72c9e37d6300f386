import type { IPriceLine, ISeriesApi } from 'lightweight-charts';
import { useEffect, useRef } from 'react';
import type { ChallengeDto } from '../../../../shared/contract/challenges';
import { formatMoney } from '../../shared/format';

/**
 * The daily floor's price, for the chart's scale to keep in view (the overall floor is usually
 * much further away: keeping it in view too would flatten the candles).
 */
export function floorPrices(challenge: ChallengeDto | null): number[] {
  const price = challenge?.dailyFloor?.price;
  return price == null ? [] : [price];
}

/**
 * The daily-loss and maximum-loss floors as price lines: the bid at which equity, with the
 * positions open now, would touch each floor. Flat, there is no such price and no line.
 */
export function ChallengeFloorLines({
  series,
  challenge,
  currency,
}: {
  series: ISeriesApi<'Candlestick'> | null;
  challenge: ChallengeDto | null;
  currency: string;
}) {
  const lines = useRef<IPriceLine[]>([]);
  const daily = challenge?.dailyFloor ?? null;
  const overall = challenge?.overallFloor ?? null;

  useEffect(() => {
    if (!series) return;
    const made: IPriceLine[] = [];
    if (daily?.price != null) {
      made.push(
        series.createPriceLine({
          price: daily.price,
          color: '#f97316',
          lineWidth: 2,
          lineStyle: 2,
          axisLabelVisible: true,
          title: `Daily loss floor ${formatMoney(daily.floorCents, currency)}`,
        }),
      );
    }
    if (overall?.price != null) {
      made.push(
        series.createPriceLine({
          price: overall.price,
          color: '#dc2626',
          lineWidth: 1,
          lineStyle: 2,
          axisLabelVisible: true,
          title: `Maximum loss floor ${formatMoney(overall.floorCents, currency)}`,
        }),
      );
    }
    lines.current = made;
    return () => {
      for (const line of made) {
        try {
          series.removePriceLine(line);
        } catch {
          // The chart was rebuilt (theme, digits): its lines went with it.
        }
      }
      lines.current = [];
    };
  }, [series, daily?.price, daily?.floorCents, overall?.price, overall?.floorCents, currency]);

  return null;
}
