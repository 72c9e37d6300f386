import type { Handlers } from '../../../shared/contract';
import type { tradingMethods } from '../../../shared/contract/trading';
import { createGated } from '../plan';
import type { TradingDeps } from './deps';
import { OrderService } from './orders';
import { ReplayService, type Scheduler } from './replay';
import { RewindService } from './rewind';
import type { SessionWatchers } from './session-watch';
import { isoToTs, SessionService } from './sessions';

export type TradingHandlers = Pick<Handlers, keyof typeof tradingMethods>;

export interface TradingServices {
  sessions: SessionService;
  replay: ReplayService;
  orders: OrderService;
  rewind: RewindService;
}

export function createTradingServices(
  deps: TradingDeps,
  scheduler?: Scheduler,
  watchers?: SessionWatchers,
): TradingServices {
  const replay = new ReplayService(deps, scheduler, watchers);
  return {
    replay,
    sessions: new SessionService(deps, replay),
    orders: new OrderService(deps, replay),
    rewind: new RewindService(deps, replay),
  };
}

/** Binds the sessions, replay, orders, positions and ledger methods to their services. */
export function createTradingHandlers(
  deps: TradingDeps,
  options: { scheduler?: Scheduler; watchers?: SessionWatchers } = {},
): { handlers: TradingHandlers; dispose(): void; services: TradingServices } {
  const services = createTradingServices(deps, options.scheduler, options.watchers);
  const { sessions, replay, orders, rewind } = services;
  const gated = createGated(deps.quotas);
  return {
    services,
    handlers: {
      'sessions:create': gated('active-sessions', (input) => sessions.create(input)),
      'sessions:list': () => sessions.list(),
      'sessions:get': ({ sessionId }) => sessions.get(sessionId),
      'sessions:delete': ({ sessionId }) => sessions.delete(sessionId),
      'sessions:update': (input) => sessions.update(input),
      'sessions:archive': ({ sessionId }) => sessions.archive(sessionId),
      'sessions:summary': ({ sessionId }) => sessions.summary(sessionId),
      'replay:snapshot': ({ sessionId, timeframe, count }) => replay.snapshot(sessionId, timeframe, count),
      'replay:step': ({ sessionId, bars }) => replay.stepBars(sessionId, bars),
      'replay:step-chart-bar': ({ sessionId, timeframe }) => replay.stepChartBar(sessionId, timeframe),
      'replay:jump': ({ sessionId, to }) => replay.jumpTo(sessionId, isoToTs(to)),
      'replay:jump-next': ({ sessionId, target }) => replay.jumpNext(sessionId, target),
      'replay:play': ({ sessionId, speed, pauseOnFill }) => {
        replay.play(sessionId, speed, pauseOnFill);
        return { playing: true as const };
      },
      'replay:pause': ({ sessionId }) => {
        replay.pause(sessionId);
        return { playing: false as const };
      },
      'replay:toggle': ({ sessionId, pauseOnFill }) => ({ playing: replay.toggle(sessionId, pauseOnFill) }),
      'orders:place': (input) => orders.place(input),
      'orders:list': ({ sessionId, status }) => orders.listOrders(sessionId, status === 'PENDING'),
      'orders:modify': (input) => orders.modifyOrder(input),
      'orders:cancel': ({ sessionId, orderId }) => orders.cancelOrder(sessionId, orderId),
      'positions:list': ({ sessionId, status }) => orders.listPositions(sessionId, status === 'OPEN'),
      'positions:close': ({ sessionId, positionId, lots }) => orders.close(sessionId, positionId, lots),
      'positions:modify': (input) => orders.modifyPosition(input),
      'positions:close-all': ({ sessionId }) => orders.closeAll(sessionId),
      'positions:reverse': ({ sessionId, positionId }) => orders.reverse(sessionId, positionId),
      'positions:break-even': ({ sessionId, positionId }) => orders.breakEven(sessionId, positionId),
      'account:cash': (input) => orders.cash(input),
      'sizing:lots': (input) => orders.sizing(input),
      'ledger:list': ({ sessionId, afterSeq }) => sessions.ledger(sessionId, afterSeq),
      'replay:step-back': ({ sessionId, bars }) => rewind.stepBack(sessionId, bars),
      'sessions:branch': gated('active-sessions', ({ sessionId, at, name }) =>
        rewind.branch(sessionId, at === undefined ? null : isoToTs(at), name ?? null),
      ),
    },
    dispose: () => replay.dispose(),
  };
}
