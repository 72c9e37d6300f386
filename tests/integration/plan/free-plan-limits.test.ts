import { afterEach, describe, expect, it } from 'vitest';
import { openTempApp } from '../../helpers/temp-app';

/** Three hours of flat MT4 M1 bars, enough for a session to start in. */
function mt4(price: string): string {
  const lines: string[] = [];
  for (let m = 0; m < 180; m++) {
    const hh = String(Math.floor(m / 60)).padStart(2, '0');
    const mm = String(m % 60).padStart(2, '0');
    lines.push(`2019.01.02,${hh}:${mm},${price},${price},${price},${price},1`);
  }
  return `${lines.join('\n')}\n`;
}

describe('the free plan, enforced in main', () => {
  let app: ReturnType<typeof openTempApp> | undefined;
  afterEach(() => app?.dispose());

  const importFor = (symbol: string, price: string) =>
    app!.dispatch('import:run', {
      source: { fileName: `${symbol}_M1.csv`, content: mt4(price) },
      options: { symbol },
    });

  it('refuses data for a fourth instrument with a clear reason, storing nothing, but takes more data for a known one', async () => {
    app = openTempApp();
    for (const [symbol, price] of [
      ['EURUSD', '1.14600'],
      ['GBPUSD', '1.27000'],
      ['AUDUSD', '0.70000'],
    ] as const) {
      expect((await importFor(symbol, price)).ok).toBe(true);
    }
    const refused = await importFor('USDCAD', '1.36000');
    expect(refused).toMatchObject({ ok: false, error: { code: 'QUOTA_EXCEEDED' } });
    if (!refused.ok) expect(refused.error.message).toMatch(/3 instruments/);
    const datasets = await app.handlers['datasets:list']({});
    expect(datasets.map((d) => d.symbol).sort()).toEqual(['AUDUSD', 'EURUSD', 'GBPUSD']);

    const more = await app.dispatch('import:run', {
      source: {
        fileName: 'EURUSD_later.csv',
        content: mt4('1.14600').replaceAll('2019.01.02', '2019.01.03'),
      },
      options: { symbol: 'EURUSD' },
    });
    expect(more.ok).toBe(true);
  });

  it('refuses a third active session and keeps the two it has', async () => {
    app = openTempApp();
    expect((await importFor('EURUSD', '1.14600')).ok).toBe(true);
    const create = () =>
      app!.dispatch('sessions:create', { symbol: 'EURUSD', startAt: '2019-01-02T01:00:00Z' });
    expect((await create()).ok).toBe(true);
    expect((await create()).ok).toBe(true);
    const third = await create();
    expect(third).toMatchObject({ ok: false, error: { code: 'QUOTA_EXCEEDED' } });
    expect(await app.handlers['sessions:list']({})).toHaveLength(2);
  });
});
