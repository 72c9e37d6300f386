import type { SpreadSchedule } from '../../../../core/execution/spread';
import { NumberField } from '../../shared/NumberField';

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** A schedule to start from: the same spread all day, a little wider at the rollover. */
const STARTING: SpreadSchedule = {
  hourPts: Array<number>(24).fill(10),
  weekdayPts: Array<number>(7).fill(0),
  rolloverPts: 30,
  rolloverMinutes: 15,
};

/**
 * An instrument's spread schedule (README "Spread"): points by UTC hour, plus or minus by weekday,
 * widened around the rollover. Used for bars whose data has no spread of its own.
 */
export function SpreadScheduleFields(props: {
  value: SpreadSchedule | null;
  onChange: (value: SpreadSchedule | null) => void;
}) {
  const { value, onChange } = props;
  const change = (patch: Partial<SpreadSchedule>) => value && onChange({ ...value, ...patch });
  const at = (list: number[], index: number, v: number | null) =>
    list.map((old, i) => (i === index ? Math.round(v ?? 0) : old));
  return (
    <details className="form-section span-all spread-schedule" open={value !== null}>
      <summary>Spread schedule</summary>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={value !== null}
          onChange={(e) => onChange(e.target.checked ? (value ?? STARTING) : null)}
        />
        Vary the spread by hour and weekday where the data has no spread (otherwise the session's fixed
        spread)
      </label>
      {value && (
        <>
          <fieldset className="spread-hours" aria-label="Spread by hour (UTC), points">
            <legend>Spread by hour (UTC), points</legend>
            {value.hourPts.map((pts, hour) => (
              <NumberField
                // biome-ignore lint/suspicious/noArrayIndexKey: the hour is the identity
                key={hour}
                label={`${String(hour).padStart(2, '0')}:00`}
                min={0}
                step={1}
                required
                value={pts}
                onChange={(v) => change({ hourPts: at(value.hourPts, hour, v) })}
              />
            ))}
          </fieldset>
          <fieldset className="spread-weekdays" aria-label="Added on each weekday, points">
            <legend>Added on each weekday (UTC), points</legend>
            {value.weekdayPts.map((pts, day) => (
              <NumberField
                key={WEEKDAYS[day]}
                label={WEEKDAYS[day]!}
                step={1}
                required
                value={pts}
                onChange={(v) => change({ weekdayPts: at(value.weekdayPts, day, v) })}
              />
            ))}
          </fieldset>
          <div className="spread-rollover">
            <NumberField
              label="At the rollover, points"
              min={0}
              step={1}
              required
              value={value.rolloverPts}
              onChange={(v) => change({ rolloverPts: Math.round(v ?? 0) })}
            />
            <NumberField
              label="Minutes either side of the rollover"
              min={0}
              max={720}
              step={1}
              required
              value={value.rolloverMinutes}
              onChange={(v) => change({ rolloverMinutes: Math.round(v ?? 0) })}
            />
          </div>
        </>
      )}
    </details>
  );
}
