/**
 * Runs tasks one after another per key, tasks of different keys side by side. Imports use it per
 * series (instrument and timeframe): two files of one series at once would otherwise both see
 * "no dataset yet" and the second would fail on the unique dataset row.
 */
export function createSeriesQueue() {
  const tails = new Map<string, Promise<unknown>>();
  return function inSeries<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = tails.get(key) ?? Promise.resolve();
    // The next task starts however the previous one ended.
    const run = previous.then(task, task);
    const tail = run.catch(() => {});
    tails.set(key, tail);
    void tail.then(() => {
      if (tails.get(key) === tail) tails.delete(key);
    });
    return run;
  };
}
