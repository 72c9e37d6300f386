import { describeBasePeriods } from '../../../../shared/base-periods';
import { isMaskedTs } from '../../../../shared/blind-time';
import type { SessionDto } from '../../../../shared/dto';
import {
  SPEEDS,
  type Speed,
  TIMEFRAME_SECONDS,
  TIMEFRAMES,
  type Timeframe,
} from '../../../../shared/timeframes';
import { ConfirmDialog } from '../../shared/ConfirmDialog';
import { formatTs } from '../../shared/format';
import { TradeScreenshots } from './TradeScreenshots';
import type { Desk } from './use-desk';

/** The finest base replayed so far: an M1 chart stays drawable across an H1-only stretch. */
function chartFloor(session: SessionDto): Timeframe {
  return [session.baseTimeframe, ...session.basePeriods.map((p) => p.timeframe)].reduce((a, b) =>
    TIMEFRAME_SECONDS[b] < TIMEFRAME_SECONDS[a] ? b : a,
  );
}

/** The replay toolbar above the chart: timeframe, play and step, speed, jump, progress, time. */
export function ReplayBar({
  sessionId,
  session,
  desk,
  onHelp,
  rewindLock,
  onOpen,
}: {
  sessionId: string;
  session: SessionDto;
  desk: Desk;
  onHelp: () => void;
  /** Why step back and branch are locked here (a challenge, a blind session), or null. */
  rewindLock: string | null;
  /** Opens another session on the desk (a branch just made). */
  onOpen: (sessionId: string) => void;
}) {
  const { playing, speed, jumpTo, setJumpTo } = desk;
  const cursorTs = session.cursorTs;
  const completed = session.status === 'COMPLETED' || session.status === 'ARCHIVED';
  const span = Math.max(1, (session.endTs ?? session.dataEndTs) - session.startTs);
  const progress = Math.min(100, Math.max(0, ((cursorTs - session.startTs) / span) * 100));
  return (
    <div className="replay-bar" role="toolbar" aria-label="Replay controls">
      <strong>{session.symbol}</strong>
      <output
        className="hint base-label"
        aria-label="Base data"
        title={`The data the engine fills orders on at the replay time${
          session.basePeriods.length ? ` (so far: ${describeBasePeriods(session.basePeriods)})` : ''
        }`}
      >
        Base: {session.baseTimeframe}
      </output>
      <select
        aria-label="Chart timeframe"
        value={session.timeframe}
        onChange={(e) => desk.changeTimeframe(e.target.value as Timeframe)}
      >
        {TIMEFRAMES.filter((tf) => TIMEFRAME_SECONDS[tf] >= TIMEFRAME_SECONDS[chartFloor(session)]).map(
          (tf) => (
            <option key={tf}>{tf}</option>
          ),
        )}
      </select>
      <button type="button" onClick={desk.togglePlay} disabled={completed} aria-pressed={playing}>
        {playing ? 'Pause' : 'Play'}
      </button>
      <button type="button" onClick={desk.step} disabled={completed || playing}>
        Step
      </button>
      <button
        type="button"
        onClick={desk.stepChartBar}
        disabled={completed || playing}
        aria-label="Next chart bar"
        title="Reveal up to the end of the next chart bar (Shift+→)"
      >
        Next bar
      </button>
      <span
        className="inline step-back"
        title={rewindLock ?? 'Undo the last bars and every trade made since'}
      >
        <input
          type="number"
          aria-label="Bars to step back"
          min={1}
          step={1}
          value={desk.backBars}
          disabled={rewindLock !== null || playing}
          onChange={(e) => desk.setBackBars(Math.max(1, Math.floor(Number(e.target.value) || 1)))}
        />
        <button
          type="button"
          onClick={() => desk.setConfirmBack(true)}
          disabled={rewindLock !== null || playing || session.status === 'ARCHIVED'}
          title={rewindLock ?? 'Step back: undo the last bars and every trade made since'}
        >
          {/* Not "Step back": the name would also answer to "Step", the next-bar button's. */}
          Rewind
        </button>
        <button
          type="button"
          onClick={() => void desk.branch(onOpen)}
          disabled={rewindLock !== null || session.status === 'ARCHIVED'}
          title={rewindLock ?? 'Start a new session from this bar, as things stand; this one stays as it is'}
        >
          Branch
        </button>
      </span>
      {desk.confirmBack && (
        <ConfirmDialog
          title={`Rewind ${desk.backBars} ${desk.backBars === 1 ? 'bar' : 'bars'}?`}
          message="Every order, trade, cash entry and ledger line after that bar is undone, and journal screenshots taken after it are deleted. To keep this line of play, branch first."
          confirmLabel="Rewind"
          onCancel={() => desk.setConfirmBack(false)}
          onConfirm={() => void desk.stepBack()}
        />
      )}
      {/* "15x" says what it is; the name stays for screen readers, the room goes to the chart. "Max" reveals bars as fast as they are stored and drawn. */}
      <select
        aria-label="Speed"
        title="Replay speed (+ / −)"
        value={speed}
        onChange={(e) => desk.changeSpeed(e.target.value as Speed)}
      >
        {SPEEDS.map((s) => (
          <option key={s} value={s}>
            {s === 'max' ? 'Max' : s}
          </option>
        ))}
      </select>
      <label
        className="inline pause-on-fill"
        title="Pause when an order fills or a stop loss or take profit hits"
      >
        <input
          type="checkbox"
          checked={desk.pauseOnFill}
          onChange={(e) => void desk.setPauseOnFill(e.target.checked)}
        />
        Pause on fills
      </label>
      {/* A blind session cannot jump (the back end refuses): no date box to give its dates away. */}
      {!isMaskedTs(cursorTs) && (
        <form
          className="inline jump"
          onSubmit={(e) => {
            e.preventDefault();
            void desk.jump();
          }}
        >
          <input
            type="datetime-local"
            aria-label="Jump to (UTC)"
            value={jumpTo}
            min={formatTs(cursorTs).replace(' ', 'T')}
            onChange={(e) => setJumpTo(e.target.value)}
          />
          <button type="submit" disabled={completed}>
            Jump
          </button>
        </form>
      )}
      <button
        type="button"
        onClick={() => void desk.jumpNext('next-day')}
        disabled={completed}
        title="Reveal up to the first bar of the next day (UTC)"
      >
        Next day
      </button>
      <button
        type="button"
        onClick={() => void desk.jumpNext('next-session')}
        disabled={completed}
        title="Reveal up to the first bar of the next session open: Tokyo 00:00, London 07:00, New York 12:00, Sydney 21:00 UTC"
      >
        Next session
      </button>
      <progress className="session-progress" aria-label="Session progress" max={100} value={progress} />
      <output aria-label="Replay time" className="cursor">
        {formatTs(cursorTs)} UTC
      </output>
      {/* Play/Pause already says running or paused; only an ended session needs a badge. */}
      {completed && <span className="status">{session.status}</span>}
      <TradeScreenshots
        sessionId={sessionId}
        feed={desk.studyFeed}
        loaded={session}
        open={desk.positions}
        closed={desk.history}
        onError={desk.setError}
      />
      <button type="button" onClick={onHelp} aria-label="Keyboard shortcuts">
        ?
      </button>
    </div>
  );
}
