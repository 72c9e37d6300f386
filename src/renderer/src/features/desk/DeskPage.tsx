import { isMaskedTs } from '../../../../shared/blind-time';
import { ErrorNotice } from '../../shared/ErrorNotice';
import { Splitter } from '../../shared/Splitter';
import { BreachPreview } from '../challenges/BreachPreview';
import { ChallengeFloorLines, floorPrices } from '../challenges/ChallengeFloorLines';
import { ChallengePanel } from '../challenges/ChallengePanel';
import { useChallenge } from '../challenges/use-challenge';
import '../challenges/challenges.css';
import type { ChartTheme } from '../../shared/theme';
import { AccountBar } from './AccountBar';
import { CandleChart } from './chart/CandleChart';
import { ChartStudies } from './chart/ChartStudies';
import { dayPnlCents } from './day-pnl';
import { LedgerTable } from './LedgerTable';
import { OrderTicket } from './OrderTicket';
import { PositionsTable } from './PositionsTable';
import { ReplayBar } from './ReplayBar';
import { ShortcutHelp } from './ShortcutHelp';
import { type TradeFocus, TradeFocusView } from './TradeFocus';
import { useDesk } from './use-desk';
import { useDeskKeys } from './use-desk-keys';
import { LAYOUT_LIMITS, useDeskLayout } from './use-desk-layout';

/** The replay desk: chart of revealed bars, replay controls, ticket, positions, ledger. */
export function DeskPage({
  sessionId,
  theme,
  focus,
  onOpen,
}: {
  sessionId: string;
  theme: ChartTheme;
  /** Opens another session on the desk (a branch of this one). */
  onOpen: (sessionId: string) => void;
  /** A trade from a report to scroll the chart to. */
  focus?: TradeFocus;
}) {
  const desk = useDesk(sessionId);
  const { challenge, end: endChallenge } = useChallenge(sessionId, desk.account);
  const { help, setHelp, ticket } = useDeskKeys(desk);
  const [layout, setLayout] = useDeskLayout();
  const { session, account, instrument, positions, orders, error } = desk;
  if (!session || !account || !instrument) {
    return (
      <div className="page">
        {error ? (
          <div role="alert" className="error">
            {error}
          </div>
        ) : (
          <p className="hint">Loading session…</p>
        )}
      </div>
    );
  }

  const completed = session.status === 'COMPLETED' || session.status === 'ARCHIVED';
  return (
    <div className="desk">
      <AccountBar
        account={account}
        digits={session.digits}
        dayPnlCents={dayPnlCents(desk.ledger, account.openPnlCents, session.cursorTs)}
      />
      <div className="desk-main" style={{ gridTemplateColumns: `minmax(0, 1fr) 5px ${layout.sideWidth}px` }}>
        <section className="chart-panel" aria-label="Chart">
          <ReplayBar
            sessionId={sessionId}
            session={session}
            desk={desk}
            onHelp={() => setHelp(true)}
            onOpen={onOpen}
            rewindLock={
              challenge
                ? 'Step back and branch are locked in a challenge'
                : isMaskedTs(session.cursorTs)
                  ? 'Step back and branch are locked in a blind session'
                  : null
            }
          />
          <ChartStudies
            chart={desk.studyFeed?.chart ?? null}
            series={desk.studyFeed?.candles ?? null}
            sessionId={sessionId}
            symbol={session.symbol}
            digits={session.digits}
            candles={desk.revealed}
          />
          {focus && (
            <TradeFocusView
              sessionId={sessionId}
              focus={focus}
              feed={desk.studyFeed}
              timeframe={session.timeframe}
              revealed={desk.revealed}
              onBars={desk.setRevealed}
              onError={desk.setError}
            />
          )}
          <CandleChart
            digits={session.digits}
            timeframe={session.timeframe}
            theme={theme}
            positions={positions}
            orders={orders}
            records={desk.records}
            onReady={desk.onChartReady}
            onContextPrice={desk.setPickedPrice}
            moneyAt={desk.moneyAt}
            onMoveLevel={desk.moveLevel}
            keepInView={floorPrices(challenge)}
          />
          <ChallengeFloorLines
            series={desk.studyFeed?.candles ?? null}
            challenge={challenge}
            currency={session.currency}
          />
        </section>
        <Splitter
          label="Resize the order ticket panel"
          orientation="vertical"
          value={layout.sideWidth}
          {...LAYOUT_LIMITS.sideWidth}
          direction={-1}
          onChange={(v) => setLayout('sideWidth', v)}
        />
        <aside className="side-panel">
          <ErrorNotice error={error} onDismiss={() => desk.setError(null)} />
          {challenge && (
            <ChallengePanel
              challenge={challenge}
              currency={session.currency}
              onEnd={() => endChallenge(desk.reload)}
            />
          )}
          <OrderTicket
            sessionId={sessionId}
            instrument={instrument}
            account={account}
            disabled={completed}
            pickedPrice={desk.pickedPrice}
            onPlaced={desk.placed}
            onError={desk.setError}
            handle={ticket}
            extraPreview={
              challenge
                ? (order) => (
                    <BreachPreview challenge={challenge} intent={order} currency={session.currency} />
                  )
                : undefined
            }
          />
        </aside>
      </div>
      <Splitter
        label="Resize the positions and ledger panel"
        orientation="horizontal"
        value={layout.tablesHeight}
        {...LAYOUT_LIMITS.tablesHeight}
        direction={-1}
        onChange={(v) => setLayout('tablesHeight', v)}
      />
      <section
        className="desk-tables"
        aria-label="Positions and ledger"
        style={{ height: layout.tablesHeight, flexBasis: layout.tablesHeight }}
      >
        <div>
          <PositionsTable
            positions={positions}
            history={desk.history}
            orders={orders}
            digits={session.digits}
            disabled={completed}
            onClose={desk.closePosition}
            onBreakEven={desk.breakEven}
            onReverse={desk.reverse}
            onModify={desk.modifyPosition}
            onModifyOrder={desk.modifyOrder}
            onCancelOrder={desk.cancelOrder}
            onCloseAll={desk.closeAll}
          />
        </div>
        <div>
          <LedgerTable transactions={desk.ledger} currency={session.currency} />
        </div>
      </section>
      {help && <ShortcutHelp onClose={() => setHelp(false)} />}
    </div>
  );
}
