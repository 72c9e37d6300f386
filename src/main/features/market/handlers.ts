import type { Handlers } from '../../../shared/contract';
import type { marketMethods } from '../../../shared/contract/market';
import { AppError, ErrorCode } from '../../../shared/errors';
import type { ServiceContext } from '../../app/context';
import { readCandles } from './candle-store';
import { deleteDataset, inspectDataset, listDatasets, setDatasetActive } from './datasets';
import { previewImport } from './import/preview';
import { createImportService } from './import/service';
import { listInstruments, requireInstrument, saveInstrument } from './instruments';

export type MarketHandlers = Pick<Handlers, keyof typeof marketMethods>;

/** Binds the market-data methods (instruments, imports, datasets, candles) to their services. */
export function createMarketHandlers(ctx: ServiceContext): { handlers: MarketHandlers; dispose(): void } {
  const imports = createImportService(ctx);
  return {
    handlers: {
      'instruments:list': () => listInstruments(ctx.store),
      'instruments:save': (input) => saveInstrument(ctx, input),
      'import:preview': ({ source, options }) => previewImport(ctx, source, options),
      'import:start': ({ source, options }) => imports.start(source, options),
      'import:cancel': ({ jobId }) => imports.cancel(jobId),
      'import:run': ({ source, options }) => imports.run(source, options),
      'datasets:list': () => listDatasets(ctx.store),
      'datasets:get': ({ datasetId }) => inspectDataset(ctx.store, datasetId),
      'datasets:set-active': ({ datasetId, active }) =>
        setDatasetActive(ctx.store, datasetId, active, ctx.clock.nowSeconds()),
      'datasets:delete': ({ datasetId }) => deleteDataset(ctx.store, datasetId),
      'candles:list': ({ symbol, timeframe, fromTs, toTs, limit, order, dailyClose, weekStart }) => {
        const instrument = requireInstrument(ctx.store, symbol);
        if (fromTs !== undefined && toTs !== undefined && fromTs > toTs) {
          throw new AppError(ErrorCode.INVALID_INPUT, 'fromTs is after toTs');
        }
        const candles = readCandles(ctx.store, {
          instrumentId: instrument.id,
          timeframe,
          fromTs,
          toTs,
          limit,
          order: order ?? 'asc',
          dailyClose,
          weekStart,
        });
        // The contract always returns oldest first; 'desc' only chose which end the limit keeps.
        return order === 'desc' ? candles.reverse() : candles;
      },
    },
    dispose: () => imports.dispose(),
  };
}
