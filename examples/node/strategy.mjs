#!/usr/bin/env node
// A small momentum bot for the Tickstep automation API, with Node's built-ins only (Node 20+).
//
//   TICKSTEP_API_URL=http://127.0.0.1:5299 TICKSTEP_API_KEY=tsk_... \
//     node examples/node/strategy.mjs --symbol EURUSD --from 2019-01-02T00:00:00Z --to 2019-01-02T02:00:00Z
//
// The same rule as examples/python/strategy.py: flat and the last two closes rose -> buy 0.1 lot
// (SL 10 pips, TP 15 pips); long and the last two closes fell -> close. It follows the session's
// WebSocket stream in lock-step mode when the runtime has a WebSocket (Node 22+), else steps over HTTP.
// On the stream, the bars and the position's close arrive as messages, so a bar costs an HTTP call
// only when the bot acts.
import { parseArgs } from 'node:util';

const { values: args } = parseArgs({
  options: {
    url: { type: 'string', default: process.env.TICKSTEP_API_URL ?? 'http://127.0.0.1:5299' },
    key: { type: 'string', default: process.env.TICKSTEP_API_KEY },
    symbol: { type: 'string', default: 'EURUSD' },
    from: { type: 'string', default: '2019-01-02T00:00:00Z' },
    to: { type: 'string', default: '2019-01-02T02:00:00Z' },
    lots: { type: 'string', default: '0.1' },
  },
});
if (!args.key) {
  console.error('Set TICKSTEP_API_KEY or pass --key');
  process.exit(1);
}
const base = args.url.replace(/\/$/, '');
const lots = Number(args.lots);

async function api(verb, path, body) {
  const response = await fetch(base + path, {
    method: verb,
    headers: {
      authorization: `Bearer ${args.key}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const value = await response.json();
  if (!response.ok) throw new Error(`${verb} ${path}: ${response.status} ${value.code} ${value.message}`);
  return value;
}

const iso = (ts) => new Date(ts * 1000).toISOString().replace('.000Z', 'Z');

const session = await api('POST', '/v1/sessions', {
  symbol: args.symbol,
  startAt: args.from,
  endAt: args.to,
});
const sid = session.id;
const actions = [];
const refs = new Map();
let openRef = null;

/** Over HTTP: the last three closes and whether our position is still open, asked each bar. */
async function look() {
  const closes = (await api('GET', `/v1/sessions/${sid}/candles?count=3`)).map((c) => c.close);
  if (openRef !== null) {
    const open = await api('GET', `/v1/sessions/${sid}/positions?status=OPEN`);
    if (!open.some((p) => p.id === refs.get(openRef))) openRef = null;
  }
  return closes;
}

/** The rule, once per bar, at the cursor `cursorTs`, on the last three closes (oldest first). */
async function decide(cursorTs, closes) {
  if (closes.length < 3) return;
  if (openRef === null && closes[0] < closes[1] && closes[1] < closes[2]) {
    const ref = `p${refs.size + 1}`;
    const order = await api('POST', `/v1/sessions/${sid}/orders`, {
      side: 'BUY',
      lots,
      slPips: 10,
      tpPips: 15,
    });
    actions.push({ at: iso(cursorTs), type: 'market', side: 'buy', lots, slPips: 10, tpPips: 15, ref });
    if (order.status === 'FILLED') {
      refs.set(ref, order.positionId);
      openRef = ref;
    }
  } else if (openRef !== null && closes[0] > closes[1] && closes[1] > closes[2]) {
    await api('POST', `/v1/sessions/${sid}/positions/${refs.get(openRef)}/close`);
    actions.push({ at: iso(cursorTs), type: 'close', ref: openRef });
    openRef = null;
  }
}

if (typeof WebSocket === 'function') {
  // Lock-step: the replay waits for our "ready" after each bar.
  // The candles up to the cursor once; then each `bar` message is the chart bar at the cursor (a new
  // one, or the forming one grown), followed by a `position` message for every position still open.
  const bars = await api('GET', `/v1/sessions/${sid}/candles?count=3`);
  let stillOpen = true;
  await new Promise((resolve, reject) => {
    const ws = new WebSocket(`${base.replace(/^http/, 'ws')}/v1/sessions/${sid}/stream?mode=lockstep`, [
      `tickstep-key.${args.key}`,
    ]);
    ws.onerror = () => reject(new Error('stream failed'));
    ws.onmessage = async (event) => {
      const message = JSON.parse(event.data);
      if (message.type === 'bar') {
        if (bars.length > 0 && bars.at(-1).ts === message.bar.ts) bars[bars.length - 1] = message.bar;
        else bars.push(message.bar);
        if (bars.length > 3) bars.shift();
        stillOpen = false;
      } else if (message.type === 'position') {
        if (openRef !== null && message.position.id === refs.get(openRef)) stillOpen = true;
      } else if (message.type === 'awaiting-ready') {
        // Not among the bar's open positions: its SL or TP closed it.
        if (!stillOpen) openRef = null;
        await decide(
          message.cursorTs,
          bars.map((c) => c.close),
        );
        ws.send(JSON.stringify({ type: 'ready' }));
      } else if (message.type === 'session.completed') {
        ws.close();
        resolve();
      } else if (message.type === 'error') reject(new Error(message.message));
    };
  });
} else {
  let status = session.status;
  let cursorTs = session.cursorTs;
  while (status !== 'COMPLETED') {
    await decide(cursorTs, await look());
    const tick = await api('POST', `/v1/sessions/${sid}/step`, { bars: 1 });
    status = tick.status;
    cursorTs = tick.cursorTs;
  }
}

console.log(
  JSON.stringify(
    {
      sessionId: sid,
      actions,
      ledger: await api('GET', `/v1/sessions/${sid}/ledger`),
      positions: await api('GET', `/v1/sessions/${sid}/positions`),
      summary: await api('GET', `/v1/sessions/${sid}/summary`),
    },
    null,
    2,
  ),
);
