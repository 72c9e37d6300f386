import type { Handlers, MethodParsedInput } from '../../../shared/contract';
import type { marketMethods } from '../../../shared/contract/market';
import { createGated } from '../plan';
import { listCandles } from './candles';
import { deleteDataset, inspectDataset, listDatasets, setDatasetActive } from './datasets';
import type { MarketDeps } from './deps';
import { previewImport } from './import/preview';
import { createImportService } from './import/service';
import { createUploads } from './import/uploads';
import { listInstruments, saveInstrument } from './instruments';

export type MarketHandlers = Pick<Handlers, keyof typeof marketMethods>;

/** Binds the market-data methods (instruments, imports, datasets, candles) to their services. */
export function createMarketHandlers(deps: MarketDeps): { handlers: MarketHandlers; dispose(): void } {
  const uploads = createUploads(deps);
  const imports = createImportService(deps, uploads);
  const gated = createGated(deps.quotas);
  // The plan limits how many instruments hold data.
  const importTarget = ({ source, options }: MethodParsedInput<'import:start'>) =>
    imports.target(source, options);
  return {
    handlers: {
      'instruments:list': () => listInstruments(deps.store),
      'instruments:save': (input) => saveInstrument(deps, input),
      'import:upload-open': ({ fileName, sizeBytes }) => uploads.open(fileName, sizeBytes),
      'import:upload-append': ({ uploadId, offset, base64 }) => uploads.append(uploadId, offset, base64),
      'import:preview': ({ source, options }) => previewImport(deps, uploads, source, options),
      'import:start': gated(
        'instruments',
        ({ source, options }) => imports.start(source, options),
        importTarget,
      ),
      'import:cancel': ({ jobId }) => imports.cancel(jobId),
      'import:run': gated('instruments', ({ source, options }) => imports.run(source, options), importTarget),
      'datasets:list': () => listDatasets(deps.store),
      'datasets:get': ({ datasetId }) => inspectDataset(deps.store, datasetId),
      'datasets:set-active': ({ datasetId, active }) =>
        setDatasetActive(deps.store, datasetId, active, deps.clock.nowSeconds()),
      'datasets:delete': ({ datasetId }) => deleteDataset(deps.store, datasetId),
      'candles:list': (input) => listCandles(deps.store, input),
    },
    dispose: () => {
      imports.dispose();
      uploads.dispose();
    },
  };
}
