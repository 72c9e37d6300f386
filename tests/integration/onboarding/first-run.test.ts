import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { TickstepApp } from '../../../src/main/app/open-app';
import { callMethod } from '../../../src/main/cli/call';
import { SAMPLE_SESSION } from '../../../src/shared/contract/onboarding';
import { openTempApp, REPO_ROOT } from '../../helpers/temp-app';

const EURUSD_M1 = join(REPO_ROOT, 'tests', 'fixtures', 'mt4', 'EURUSD_M1_2019-01-02.csv');

const quiet = { startOnline: false } as const;

const done = async (app: TickstepApp) =>
  Object.fromEntries(
    (await callMethod(app, 'onboarding:get', {})).checklist.map((c) => [c.step, c.doneAt !== null]),
  );

describe('first run: the sample dataset and the checklist', () => {
  const open: { dispose(): void }[] = [];
  afterEach(() => {
    for (const app of open.splice(0)) app.dispose();
  });

  it('seeds an empty store once, and never again after the trader deletes the sample', async () => {
    const first = openTempApp({ ...quiet, seedSample: true });
    // The seeding runs in the background: openApp has returned, the state says so.
    expect((await callMethod(first, 'onboarding:get', {})).sample.state).toBe('importing');
    const ready = await callMethod(first, 'onboarding:import-sample', {});
    expect(ready.sample.state).toBe('ready');
    const datasets = await callMethod(first, 'datasets:list', {});
    expect(datasets.map((d) => `${d.symbol} ${d.timeframe} ${d.rows}`)).toEqual([
      'EURUSD M1 21600',
      'GBPUSD M1 21600',
    ]);
    // A dataset like any other: removable.
    for (const d of datasets) await callMethod(first, 'datasets:delete', { datasetId: d.id });
    expect((await callMethod(first, 'onboarding:get', {})).sample.state).toBe('missing');
    first.close();

    const again = openTempApp({ ...quiet, seedSample: true, dataDir: first.dataDir });
    open.push(again);
    expect((await callMethod(again, 'onboarding:get', {})).sample.state).toBe('missing');
    expect(await callMethod(again, 'datasets:list', {})).toEqual([]);

    // Asked for, it comes back.
    expect((await callMethod(again, 'onboarding:import-sample', {})).sample.state).toBe('ready');
    expect(await callMethod(again, 'datasets:list', {})).toHaveLength(2);
  });

  it('leaves the store empty by default (tests, the CLI) and a store that has data alone', async () => {
    const plain = openTempApp(quiet);
    open.push(plain);
    expect((await callMethod(plain, 'onboarding:get', {})).sample.state).toBe('missing');
    expect(await callMethod(plain, 'datasets:list', {})).toEqual([]);

    await callMethod(plain, 'import:run', {
      source: { handle: plain.files.grant(EURUSD_M1, 'read') },
      options: {},
    });
    plain.close();
    const reopened = openTempApp({ ...quiet, seedSample: true, dataDir: plain.dataDir });
    open.push(reopened);
    expect((await callMethod(reopened, 'onboarding:get', {})).sample.state).toBe('missing');
    expect((await callMethod(reopened, 'datasets:list', {})).map((d) => d.symbol)).toEqual(['EURUSD']);
  });

  it('ticks the steps off from the calls the trader makes, keeps them, and remembers a dismissal', async () => {
    const app = openTempApp(quiet);
    open.push(app);
    await callMethod(app, 'onboarding:import-sample', {});
    const changes: string[] = [];
    app.events.subscribe((name, payload) => {
      if (name === 'onboarding:changed') {
        const dto = payload as { checklist: { step: string; doneAt: number | null }[] };
        changes.push(
          dto.checklist
            .filter((c) => c.doneAt !== null)
            .map((c) => c.step)
            .join(','),
        );
      }
    });
    expect(await done(app)).toEqual({ step: false, 'bracket-buy': false, play: false, report: false });

    const session = await callMethod(app, 'sessions:create', SAMPLE_SESSION);
    const sessionId = session.id;
    await callMethod(app, 'replay:step', { sessionId });
    // A sell, or a buy without both exits, is not the step.
    await callMethod(app, 'orders:place', { sessionId, side: 'SELL', lots: 0.1, slPips: 20, tpPips: 40 });
    await callMethod(app, 'orders:place', { sessionId, side: 'BUY', lots: 0.1, slPips: 20 });
    expect(await done(app)).toEqual({ step: true, 'bracket-buy': false, play: false, report: false });
    await callMethod(app, 'orders:place', { sessionId, side: 'BUY', lots: 0.1, slPips: 20, tpPips: 40 });
    await callMethod(app, 'replay:toggle', { sessionId });
    await callMethod(app, 'replay:pause', { sessionId });
    await callMethod(app, 'reports:create', { sessionId });
    expect(await done(app)).toEqual({ step: true, 'bracket-buy': true, play: true, report: true });
    expect(changes).toEqual([
      'step',
      'step,bracket-buy',
      'step,bracket-buy,play',
      'step,bracket-buy,play,report',
    ]);

    // Kept in the store: deleting the session undoes nothing, nor does a restart.
    await callMethod(app, 'sessions:delete', { sessionId });
    expect((await callMethod(app, 'onboarding:dismiss', {})).dismissed).toBe(true);
    app.close();
    const reopened = openTempApp({ ...quiet, dataDir: app.dataDir });
    open.push(reopened);
    const state = await callMethod(reopened, 'onboarding:get', {});
    expect(state.dismissed).toBe(true);
    expect(state.checklist.every((c) => c.doneAt !== null)).toBe(true);
    expect((await callMethod(reopened, 'onboarding:dismiss', { dismissed: false })).dismissed).toBe(false);
  });

  it('says why when the sample cannot come in (the free plan is full) and stores none of it', async () => {
    const app = openTempApp(quiet);
    open.push(app);
    for (const [i, symbol] of ['AUDUSD', 'USDCHF', 'NZDUSD'].entries()) {
      const price = (0.6 + i / 10).toFixed(5);
      await callMethod(app, 'import:run', {
        source: {
          fileName: `${symbol}_M1.csv`,
          content: `time,open,high,low,close,volume\n2019-01-02T00:00:00Z,${price},${price},${price},${price},1\n`,
        },
        options: {},
      });
    }
    const result = await app.dispatch('onboarding:import-sample', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'QUOTA_EXCEEDED' } });
    const state = await callMethod(app, 'onboarding:get', {});
    expect(state.sample.state).toBe('failed');
    expect(state.sample.message).toMatch(/instrument/i);
    expect((await callMethod(app, 'datasets:list', {})).map((d) => d.symbol)).toEqual([
      'AUDUSD',
      'NZDUSD',
      'USDCHF',
    ]);
  });

  it('refuses a bad input with the field named', async () => {
    const app = openTempApp(quiet);
    open.push(app);
    const result = await app.dispatch('onboarding:dismiss', { dismissed: 'yes' });
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(JSON.stringify(result)).toContain('dismissed');
  });
});
