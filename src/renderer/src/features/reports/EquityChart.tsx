import { equityAxisCents } from '../../../../core/statistics/equity-curve';
import type { EquityPointDto } from '../../../../shared/contract/reports';
import { formatTs } from '../../shared/format';

export interface EquitySeries {
  label: string;
  color: string;
  points: readonly EquityPointDto[];
}

const W = 900;
const H = 220;
const DH = 90;

/** Polyline with points spaced evenly by order (nights and weekends take no room). */
function line(values: readonly number[], lo: number, hi: number, h: number): string {
  const span = values.length - 1 || 1;
  const range = hi - lo || 1;
  return values
    .map(
      (v, i) =>
        `${i === 0 ? 'M' : 'L'}${((i / span) * W).toFixed(1)},${(h - ((v - lo) / range) * h).toFixed(1)}`,
    )
    .join(' ');
}

/**
 * Equity (solid) and balance (dashed) of one report with its drawdown below; with several series
 * (compare), each curve is drawn as its return in % of its first point, overlaid.
 */
export function EquityChart({ series, currency }: { series: readonly EquitySeries[]; currency: string }) {
  const single = series.length === 1 ? series[0] : undefined;
  const value = (s: EquitySeries, p: EquityPointDto) =>
    single ? p.equityCents / 100 : (p.equityCents / (s.points[0]?.equityCents || 1) - 1) * 100;
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const s of series)
    for (const p of s.points) {
      lo = Math.min(lo, value(s, p));
      hi = Math.max(hi, value(s, p));
    }
  if (!Number.isFinite(lo)) return <p className="hint">No equity data yet.</p>;
  const pad = (hi - lo) * 0.05 || 1;
  lo -= pad;
  hi += pad;
  let ddMax = 0;
  if (single) {
    // Money in whole cents, rounded as the HTML export rounds them: the same peak to the cent.
    const axis = equityAxisCents(single.points);
    lo = axis.loCents / 100;
    hi = axis.hiCents / 100;
    ddMax = axis.drawdownMaxCents / 100;
  }
  const unit = single ? ` ${currency}` : ' %';
  return (
    <svg
      className="equity-chart"
      viewBox={`-110 -10 ${W + 120} ${H + (single ? DH + 56 : 20)}`}
      role="img"
      aria-label={single ? 'Equity and drawdown' : 'Equity curves compared'}
    >
      <rect x={0} y={0} width={W} height={H} className="frame" />
      {series.map((s) => (
        <path
          key={s.label}
          d={line(
            s.points.map((p) => value(s, p)),
            lo,
            hi,
            H,
          )}
          stroke={s.color}
          className="equity-line"
        />
      ))}
      {single && (
        <path
          d={line(
            single.points.map((p) => p.balanceCents / 100),
            lo,
            hi,
            H,
          )}
          className="balance-line"
        />
      )}
      <text x={-6} y={10} textAnchor="end" className="axis">
        {hi.toFixed(2)}
        {unit}
      </text>
      <text x={-6} y={H} textAnchor="end" className="axis">
        {lo.toFixed(2)}
        {unit}
      </text>
      {!single &&
        series.map((s, i) => (
          <text key={s.label} x={8} y={16 + i * 14} fill={s.color} className="legend">
            {s.label}
          </text>
        ))}
      {single && (
        <g transform={`translate(0, ${H + 20})`}>
          <rect x={0} y={0} width={W} height={DH} className="frame" />
          <path
            d={`${line(
              single.points.map((p) => -p.drawdownCents / 100),
              -ddMax,
              0,
              DH,
            )} L${W},0 L0,0 Z`}
            className="drawdown-area"
          />
          <text x={-6} y={10} textAnchor="end" className="axis">
            0
          </text>
          <text x={-6} y={DH} textAnchor="end" className="axis">
            -{ddMax.toFixed(2)}
            {unit}
          </text>
          <text x={8} y={14} className="legend">
            Drawdown
          </text>
          {/* The time axis: points are spaced evenly, so each label sits over its own point. */}
          {[0, 0.5, 1].map((at) => {
            const i = Math.round(at * (single.points.length - 1));
            const point = single.points[i];
            if (!point || (at === 0.5 && (i === 0 || i === single.points.length - 1))) return null;
            return (
              <text
                key={at}
                x={at * W}
                y={DH + 16}
                textAnchor={at === 0 ? 'start' : at === 1 ? 'end' : 'middle'}
                className="axis"
              >
                {formatTs(point.ts)}
              </text>
            );
          })}
        </g>
      )}
    </svg>
  );
}
