import type { MethodName } from '../../../shared/contract';
import type { AutomationScope } from '../../../shared/contract/automation';
import type { ContractResult } from '../../../shared/errors';
import type { Dispatch } from '../../contract/dispatch';

export type HttpVerb = 'GET' | 'POST' | 'PATCH' | 'DELETE';

export interface RouteRequest {
  params: Record<string, string>;
  query: Record<string, string>;
  body: Record<string, unknown>;
}

/** One API route: a contract method (called through the dispatcher) and the scope it needs. */
export interface Route {
  verb: HttpVerb;
  /** `/v1/sessions/:sessionId/orders`: `:name` segments become input fields. */
  path: string;
  method: MethodName;
  scope: AutomationScope;
  summary: string;
  /** 201 for routes that create. */
  status?: number;
  /** Query fields read as numbers (GET). */
  numbers?: string[];
  /** Builds the method's input; by default query (GET) or body, plus the path's fields. */
  input?: (request: RouteRequest) => unknown;
  /** Reshapes the method's value (e.g. the account out of a snapshot). */
  pick?: (value: unknown) => unknown;
  /** A route made of several contract calls (still nothing but the dispatcher). */
  run?: (dispatch: Dispatch, input: Record<string, unknown>) => Promise<ContractResult<unknown>>;
  /** The response documented in OpenAPI. */
  returns: string;
}

const S = '/v1/sessions/:sessionId';

/** Completes a session: jumps past the end of its data (or its end time). */
async function completeSession(dispatch: Dispatch, input: Record<string, unknown>) {
  const got = await dispatch('sessions:get', { sessionId: input.sessionId });
  if (!got.ok) return got;
  const session = got.value as { endTs: number | null; dataEndTs: number; cursorTs: number; status: string };
  const endTs =
    Math.max(session.cursorTs, Math.min(session.endTs ?? session.dataEndTs, session.dataEndTs)) + 1;
  return dispatch('replay:jump', { sessionId: input.sessionId, to: new Date(endTs * 1000).toISOString() });
}

export const ROUTES: Route[] = [
  // market data
  {
    verb: 'GET',
    path: '/v1/instruments',
    method: 'instruments:list',
    scope: 'market:read',
    summary: 'The instrument catalogue',
    returns: 'InstrumentDto[]',
  },
  {
    verb: 'GET',
    path: '/v1/datasets',
    method: 'datasets:list',
    scope: 'market:read',
    summary: 'Imported datasets',
    returns: 'DatasetDto[]',
  },
  {
    verb: 'GET',
    path: '/v1/datasets/:datasetId',
    method: 'datasets:get',
    scope: 'market:read',
    summary: 'One dataset with its files and gaps',
    returns: 'DatasetDetailDto',
  },
  {
    verb: 'POST',
    path: '/v1/imports',
    method: 'import:run',
    scope: 'import:write',
    status: 201,
    summary:
      'Imports a candle file (its content, or a path inside a subfolder of the data folder) and waits for the result',
    returns: 'ImportResultDto',
  },
  // sessions and the replay clock
  {
    verb: 'GET',
    path: '/v1/sessions',
    method: 'sessions:list',
    scope: 'market:read',
    summary: 'Replay sessions',
    returns: 'SessionDto[]',
  },
  {
    verb: 'POST',
    path: '/v1/sessions',
    method: 'sessions:create',
    scope: 'sessions:write',
    status: 201,
    summary: 'Creates a replay session',
    returns: 'SessionDto',
  },
  {
    verb: 'GET',
    path: S,
    method: 'sessions:get',
    scope: 'market:read',
    summary: 'One session',
    returns: 'SessionDto',
  },
  {
    verb: 'GET',
    path: `${S}/snapshot`,
    method: 'replay:snapshot',
    scope: 'market:read',
    numbers: ['count'],
    summary: 'Candles up to the cursor, orders, positions and account',
    returns: 'ReplaySnapshotDto',
  },
  {
    verb: 'GET',
    path: `${S}/candles`,
    method: 'replay:snapshot',
    scope: 'market:read',
    numbers: ['count'],
    summary: 'Chart candles up to the cursor (never beyond)',
    returns: 'CandleDto[]',
    pick: (v) => (v as { candles: unknown }).candles,
  },
  {
    verb: 'GET',
    path: `${S}/account`,
    method: 'replay:snapshot',
    scope: 'market:read',
    summary: 'Balance, equity, margin, bid and ask at the cursor',
    returns: 'AccountDto',
    input: ({ params }) => ({ sessionId: params.sessionId, count: 1 }),
    pick: (v) => (v as { account: unknown }).account,
  },
  {
    verb: 'POST',
    path: `${S}/step`,
    method: 'replay:step',
    scope: 'sessions:write',
    summary: 'Reveals N base bars (default 1)',
    returns: 'ReplayTickDto',
  },
  {
    verb: 'POST',
    path: `${S}/step-chart-bar`,
    method: 'replay:step-chart-bar',
    scope: 'sessions:write',
    summary: 'Reveals up to the end of the next chart bar',
    returns: 'ReplayTickDto',
  },
  {
    verb: 'POST',
    path: `${S}/jump`,
    method: 'replay:jump',
    scope: 'sessions:write',
    summary: 'Jumps forward to a time (ISO 8601)',
    returns: 'ReplayTickDto',
  },
  {
    verb: 'POST',
    path: `${S}/play`,
    method: 'replay:play',
    scope: 'sessions:write',
    summary: 'Plays at a speed',
    returns: '{ playing: true }',
  },
  {
    verb: 'POST',
    path: `${S}/pause`,
    method: 'replay:pause',
    scope: 'sessions:write',
    summary: 'Pauses',
    returns: '{ playing: false }',
  },
  {
    verb: 'POST',
    path: `${S}/complete`,
    method: 'replay:jump',
    scope: 'sessions:write',
    summary: 'Replays to the end of the session (orders evaluated on the way)',
    returns: 'ReplayTickDto',
    input: ({ params }) => ({ sessionId: params.sessionId }),
    run: completeSession,
  },
  {
    verb: 'GET',
    path: `${S}/summary`,
    method: 'reports:summary',
    scope: 'reports:read',
    summary: 'Performance metrics now',
    returns: 'PerformanceSummaryDto',
  },
  // orders
  {
    verb: 'GET',
    path: `${S}/orders`,
    method: 'orders:list',
    scope: 'market:read',
    summary: 'Orders (status=PENDING|ALL)',
    returns: 'OrderDto[]',
  },
  {
    verb: 'POST',
    path: `${S}/orders`,
    method: 'orders:place',
    scope: 'orders:write',
    status: 201,
    summary: 'Places a market, limit or stop order',
    returns: 'OrderDto',
  },
  {
    verb: 'PATCH',
    path: `${S}/orders/:orderId`,
    method: 'orders:modify',
    scope: 'orders:write',
    summary: 'Modifies a pending order',
    returns: 'OrderDto',
  },
  {
    verb: 'DELETE',
    path: `${S}/orders/:orderId`,
    method: 'orders:cancel',
    scope: 'orders:write',
    summary: 'Cancels a pending order',
    returns: 'OrderDto',
  },
  // positions
  {
    verb: 'GET',
    path: `${S}/positions`,
    method: 'positions:list',
    scope: 'market:read',
    summary: 'Positions (status=OPEN|ALL)',
    returns: 'PositionDto[]',
  },
  {
    verb: 'PATCH',
    path: `${S}/positions/:positionId`,
    method: 'positions:modify',
    scope: 'orders:write',
    summary: 'Sets SL, TP or trailing stop',
    returns: 'PositionDto',
  },
  {
    verb: 'POST',
    path: `${S}/positions/:positionId/close`,
    method: 'positions:close',
    scope: 'orders:write',
    summary: 'Closes a position, or `lots` of it (partial)',
    returns: 'PositionDto',
  },
  {
    verb: 'POST',
    path: `${S}/positions/:positionId/break-even`,
    method: 'positions:break-even',
    scope: 'orders:write',
    summary: 'Moves the SL to the entry',
    returns: 'PositionDto',
  },
  {
    verb: 'POST',
    path: `${S}/positions/:positionId/reverse`,
    method: 'positions:reverse',
    scope: 'orders:write',
    summary: 'Closes and opens the opposite side',
    returns: '{ closed, opened }',
  },
  {
    verb: 'POST',
    path: `${S}/positions/close-all`,
    method: 'positions:close-all',
    scope: 'orders:write',
    summary: 'Closes every open position',
    returns: 'PositionDto[]',
  },
  // ledger and reports
  {
    verb: 'GET',
    path: `${S}/ledger`,
    method: 'ledger:list',
    scope: 'market:read',
    numbers: ['afterSeq'],
    summary: 'Ledger entries (cents, balance after), oldest first; ?afterSeq=N for those after entry N',
    returns: 'LedgerEntryDto[]',
  },
  {
    verb: 'POST',
    path: `${S}/reports`,
    method: 'reports:create',
    scope: 'reports:read',
    status: 201,
    summary: 'Computes and stores a report',
    returns: 'ReportDto',
  },
  {
    verb: 'GET',
    path: '/v1/reports',
    method: 'reports:list',
    scope: 'reports:read',
    summary: 'Stored reports (sessionId optional)',
    returns: 'ReportListItemDto[]',
  },
  {
    verb: 'GET',
    path: '/v1/reports/:reportId',
    method: 'reports:get',
    scope: 'reports:read',
    summary: 'One stored report',
    returns: 'ReportDto',
  },
];

/** Path of the per-session event stream (WebSocket). */
export const STREAM_PATH = /^\/v1\/sessions\/([^/]+)\/stream$/;

interface Compiled {
  route: Route;
  pattern: RegExp;
  names: string[];
}

const compiled: Compiled[] = ROUTES.map((route) => {
  const names: string[] = [];
  const source = route.path.replace(/:([A-Za-z]+)/g, (_, name: string) => {
    names.push(name);
    return '([^/]+)';
  });
  return { route, pattern: new RegExp(`^${source}$`), names };
});

/** The route for a verb and path; `allowed` lists the verbs of a path that exists under another verb. */
export function matchRoute(
  verb: string,
  path: string,
): { route: Route; params: Record<string, string> } | { route: null; allowed: string[] } {
  const allowed: string[] = [];
  for (const c of compiled) {
    const m = c.pattern.exec(path);
    if (!m) continue;
    if (c.route.verb !== verb) {
      allowed.push(c.route.verb);
      continue;
    }
    const params: Record<string, string> = {};
    c.names.forEach((name, i) => {
      params[name] = decodeURIComponent(m[i + 1]!);
    });
    return { route: c.route, params };
  }
  return { route: null, allowed };
}

/** The method's input from a request: query (GET, numbers converted) or body, then the path's fields. */
export function routeInput(route: Route, request: RouteRequest): unknown {
  if (route.input) return route.input(request);
  if (route.verb === 'GET' || route.verb === 'DELETE') {
    const query: Record<string, unknown> = { ...request.query };
    for (const name of route.numbers ?? []) {
      const raw = request.query[name];
      if (raw !== undefined && /^-?\d+(\.\d+)?$/.test(raw)) query[name] = Number(raw);
    }
    return route.verb === 'DELETE' ? { ...request.body, ...request.params } : { ...query, ...request.params };
  }
  return { ...request.body, ...request.params };
}
