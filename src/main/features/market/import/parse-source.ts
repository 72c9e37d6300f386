import type { Worker } from 'node:worker_threads';
import { type ParseEvent, type ParseOptions, parseFile } from './parse-stream';
import type { ResolvedSetup } from './runner-setup';
import { startWorker } from './worker-entry';

export interface ParseSource {
  events: AsyncIterable<ParseEvent>;
  stop(): void;
  threaded: boolean;
}

/**
 * Parsing on a second thread, so that on two cores reading and splitting overlap the inserts.
 * Falls back to parsing in the calling thread if the worker cannot start.
 */
export function openParseSource(
  path: string,
  setup: ResolvedSetup,
  threaded: boolean,
  options: ParseOptions,
): ParseSource {
  let started: Worker | undefined;
  try {
    started = threaded
      ? startWorker('parse.worker', {
          workerData: {
            path,
            layout: setup.layout,
            zone: setup.zone.name,
            timeframe: setup.timeframe,
            newline: setup.newline,
            options,
          },
        })
      : undefined;
  } catch {
    started = undefined;
  }
  if (!started) return inThread(path, setup, options);
  const worker = started;
  const queue: ParseEvent[][] = [];
  let done = false;
  let failure: Error | undefined;
  let wake: (() => void) | undefined;
  const notify = () => {
    const w = wake;
    wake = undefined;
    w?.();
  };
  worker.on('message', (m: { type: string; events?: ParseEvent[]; message?: string }) => {
    if (m.type === 'events') queue.push(m.events!);
    else if (m.type === 'finished') done = true;
    else if (m.type === 'failed') failure = new Error(m.message);
    notify();
  });
  worker.on('error', (e) => {
    failure = e;
    notify();
  });
  worker.on('exit', () => {
    done = true;
    notify();
  });
  let received = false;
  let fallback: ParseSource | undefined;
  async function* events(): AsyncGenerator<ParseEvent> {
    try {
      for (;;) {
        const chunk = queue.shift();
        if (chunk) {
          received = true;
          worker.postMessage({ type: 'ack' });
          yield* chunk;
          continue;
        }
        if (failure && !received) {
          // The worker could not even start (a loader missing): parse here instead.
          fallback = inThread(path, setup, options);
          source.threaded = false;
          yield* fallback.events;
          return;
        }
        if (failure) throw failure;
        if (done) return;
        await new Promise<void>((r) => (wake = r));
      }
    } finally {
      void worker.terminate();
    }
  }
  const source = {
    events: events(),
    stop: () => {
      fallback?.stop();
      worker.postMessage({ type: 'stop' });
    },
    threaded: true,
  };
  return source;
}

function inThread(path: string, setup: ResolvedSetup, options: ParseOptions): ParseSource {
  let stopped = false;
  return {
    events: parseFile(path, setup, { stopped: () => stopped }, options),
    stop: () => (stopped = true),
    threaded: false,
  };
}
