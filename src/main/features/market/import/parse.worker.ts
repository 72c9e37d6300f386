import { parentPort, workerData } from 'node:worker_threads';
import type { ImportLayout } from '../../../../core/import/format';
import { resolveZone } from '../../../../core/import/time-zone';
import type { Timeframe } from '../../../../shared/timeframes';
import { type ParseEvent, type ParseOptions, parseFile } from './parse-stream';

/**
 * Parse worker: reads and interprets the file while the import worker stores the previous
 * batches. Posts a chunk's events at once, typed arrays transferred; waits when more than a
 * few chunks are unacknowledged so memory stays flat.
 */
const port = parentPort!;
const data = workerData as {
  path: string;
  layout: ImportLayout;
  zone: string;
  timeframe: Timeframe;
  newline: string;
  options: ParseOptions;
};
const MAX_IN_FLIGHT = 4;
let inFlight = 0;
let stopped = false;
let wake: (() => void) | undefined;
port.on('message', (m: { type: string }) => {
  if (m.type === 'ack') inFlight--;
  if (m.type === 'stop') stopped = true;
  wake?.();
});

async function run() {
  const setup = { ...data, zone: resolveZone(data.zone)!, sample: '' };
  let pending: ParseEvent[] = [];
  const flush = async () => {
    const transfer: ArrayBufferLike[] = [];
    for (const e of pending) {
      if (e.type === 'cache') for (const c of e.chunks) transfer.push(c.data.buffer);
      if (e.type !== 'batch') continue;
      const b = e.batch;
      transfer.push(
        b.ts.buffer,
        b.open.buffer,
        b.high.buffer,
        b.low.buffer,
        b.close.buffer,
        b.volume.buffer,
        b.line.buffer,
      );
      if (b.spread) transfer.push(b.spread.buffer);
    }
    inFlight++;
    port.postMessage({ type: 'events', events: pending }, transfer as never);
    pending = [];
    while (inFlight > MAX_IN_FLIGHT && !stopped) await new Promise<void>((r) => (wake = r));
  };
  for await (const event of parseFile(data.path, setup, { stopped: () => stopped }, data.options)) {
    pending.push(event);
    if (event.type === 'progress' || event.type === 'end') await flush();
    if (stopped) break;
  }
  if (pending.length > 0) await flush();
}

run().then(
  () => port.postMessage({ type: 'finished' }),
  (error: unknown) =>
    port.postMessage({ type: 'failed', message: error instanceof Error ? error.message : String(error) }),
);
