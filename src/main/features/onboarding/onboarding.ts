import {
  CHECKLIST_LABELS,
  CHECKLIST_STEPS,
  type ChecklistStep,
  type OnboardingDto,
  type SampleState,
} from '../../../shared/contract/onboarding';
import type { OrderDto } from '../../../shared/dto';
import { AppError, ErrorCode } from '../../../shared/errors';
import type { Dispatch } from '../../contract/dispatch';
import type { OnboardingDeps } from './deps';
import { type Mark, MarkStore } from './marks';
import { datasetCount, isImported, SAMPLE_SYMBOLS, type SampleFile, sampleFiles } from './sample-files';

/** Which successful contract call does a checklist step. */
function stepDoneBy(name: string, value: unknown): ChecklistStep | null {
  switch (name) {
    case 'replay:step':
    case 'replay:step-chart-bar':
      return 'step';
    case 'replay:play':
      return 'play';
    case 'replay:toggle':
      return (value as { playing?: boolean }).playing ? 'play' : null;
    case 'orders:place': {
      const order = value as OrderDto;
      const bracketed = order.slPrice !== null && order.tpPrice !== null;
      return order.side === 'BUY' && bracketed && order.status !== 'REJECTED' ? 'bracket-buy' : null;
    }
    case 'reports:get':
    case 'reports:create':
      return 'report';
    default:
      return null;
  }
}

/**
 * First run: seeds the sample on a new store (once: a trader who deletes it does not get it back),
 * imports it again on request, and keeps the first-steps checklist from the calls the trader makes.
 */
export class Onboarding {
  private readonly marks: MarkStore;
  private files: SampleFile[] | null = null;
  private importing: Promise<void> | null = null;
  private failure: string | null = null;
  private closed = false;

  constructor(private readonly deps: OnboardingDeps) {
    this.marks = new MarkStore(deps.store, deps.userId);
  }

  private sampleFiles(): SampleFile[] {
    this.files ??= sampleFiles(this.deps.appRoot);
    return this.files;
  }

  private sampleState(): SampleState {
    if (this.importing) return 'importing';
    if (this.sampleFiles().every((f) => isImported(this.deps.store, f))) return 'ready';
    return this.failure ? 'failed' : 'missing';
  }

  get(): OnboardingDto {
    const marks = this.marks.all();
    const state = this.sampleState();
    return {
      sample: {
        state,
        message: state === 'failed' ? this.failure : null,
        symbols: [...SAMPLE_SYMBOLS],
      },
      checklist: CHECKLIST_STEPS.map((step) => ({
        step,
        label: CHECKLIST_LABELS[step],
        doneAt: marks.get(step) ?? null,
      })),
      dismissed: marks.has('checklist-dismissed'),
    };
  }

  private changed(): void {
    if (!this.closed) this.deps.events.emit('onboarding:changed', this.get());
  }

  /**
   * On start: a store with no dataset that was never seeded gets the sample, in the background
   * (the window opens at once and hears `onboarding:changed` when it is in).
   */
  seedOnFirstStart(): void {
    if (this.marks.has('sample-seeded') || datasetCount(this.deps.store) > 0) return;
    this.importSample(true).catch((error: unknown) => {
      if (!this.closed) this.deps.log('Could not import the sample dataset', error);
    });
  }

  /** Imports the sample files not in the store yet; awaits one already running. */
  async importSample(firstStart = false): Promise<OnboardingDto> {
    if (!this.importing) {
      this.failure = null;
      this.importing = this.runImports(firstStart).finally(() => {
        this.importing = null;
        this.changed();
      });
      this.changed();
    }
    try {
      await this.importing;
    } catch (error) {
      if (error instanceof AppError) throw error;
      throw new AppError(ErrorCode.INTERNAL, `Could not import the sample: ${(error as Error).message}`);
    }
    return this.get();
  }

  private async runImports(firstStart: boolean): Promise<void> {
    try {
      for (const file of this.sampleFiles()) {
        if (this.closed) return;
        if (isImported(this.deps.store, file)) continue;
        const result = await this.deps.dispatch('import:run', {
          source: { handle: this.deps.files.grant(file.path, 'read') },
          options: { symbol: file.symbol },
        });
        if (!result.ok) throw new AppError(result.error.code, result.error.message, result.error.details);
      }
      // Remembered only once it is in: an import cut short by quitting is tried again next start.
      if (firstStart && !this.closed) this.marks.set('sample-seeded', this.deps.clock.nowSeconds());
    } catch (error) {
      this.failure = error instanceof Error ? error.message : String(error);
      throw error;
    }
  }

  dismiss(dismissed: boolean): OnboardingDto {
    if (dismissed) this.marks.set('checklist-dismissed', this.deps.clock.nowSeconds());
    else this.marks.unset('checklist-dismissed');
    this.changed();
    return this.get();
  }

  private mark(mark: Mark): void {
    if (this.marks.set(mark, this.deps.clock.nowSeconds())) this.changed();
  }

  /** Watches answered calls for the checklist's steps; an observer never changes an answer. */
  observe(dispatch: Dispatch): Dispatch {
    return async (name, input) => {
      const result = await dispatch(name, input);
      if (result.ok) {
        try {
          const step = stepDoneBy(name, result.value);
          if (step) this.mark(step);
        } catch (error) {
          this.deps.log('Onboarding could not record a step', error);
        }
      }
      return result;
    };
  }

  /** Stops pushing events; an import in flight is cancelled by the market feature's own dispose. */
  close(): void {
    this.closed = true;
  }
}
