// The automation bench's bot: a separate process, as a trader's own program is. Plain JavaScript
// (no TypeScript loader), so its start-up and its HTTP client are all it adds.
//   node bench/automation-client.mjs http   URL KEY SESSION ROUNDS WARMUP
//   node bench/automation-client.mjs stream URL KEY SESSION SECONDS
// Prints one JSON line with the timings; passes or fails nothing.
import { performance } from 'node:perf_hooks';
import { WebSocket } from 'ws';

const [mode, url, key, sessionId, ...rest] = process.argv.slice(2);

async function http(rounds, warmup) {
  const headers = { authorization: `Bearer ${key}`, 'content-type': 'application/json' };
  const post = async (path, body) => {
    const response = await fetch(`${url}${path}`, { method: 'POST', headers, body: JSON.stringify(body) });
    const value = await response.json();
    if (response.status >= 300) throw new Error(`${path}: ${response.status} ${JSON.stringify(value)}`);
    return value;
  };
  const stepMs = [];
  const orderMs = [];
  for (let i = 0; i < rounds + warmup; i++) {
    let t0 = performance.now();
    await post(`/v1/sessions/${sessionId}/step`, { bars: 1 });
    const step = performance.now() - t0;
    t0 = performance.now();
    await post(`/v1/sessions/${sessionId}/orders`, { side: i % 2 ? 'SELL' : 'BUY', lots: 0.01 });
    const order = performance.now() - t0;
    if (i >= warmup) {
      stepMs.push(step);
      orderMs.push(order);
    }
    if (i % 100 === 99) await post(`/v1/sessions/${sessionId}/positions/close-all`, {});
  }
  return { stepMs, orderMs };
}

function stream(seconds) {
  return new Promise((done, fail) => {
    const ws = new WebSocket(`${url.replace('http', 'ws')}/v1/sessions/${sessionId}/stream?mode=lockstep`, {
      headers: { authorization: `Bearer ${key}` },
    });
    let messages = 0;
    let bars = 0;
    const t0 = performance.now();
    ws.on('message', (data) => {
      messages++;
      const type = JSON.parse(data.toString()).type;
      if (type === 'bar') bars++;
      const elapsed = (performance.now() - t0) / 1000;
      if (elapsed >= seconds || type === 'session.completed') {
        ws.close();
        done({ messages, bars, elapsed });
      } else if (type === 'awaiting-ready') ws.send('{"type":"ready"}');
    });
    ws.on('error', fail);
  });
}

const result = mode === 'http' ? await http(Number(rest[0]), Number(rest[1])) : await stream(Number(rest[0]));
process.stdout.write(`${JSON.stringify(result)}\n`);
