import type { JobDoneDto, JobProgressDto, ReplayTickDto } from '../dto';

/** Every push from main to the renderer. */
export interface ContractEvents {
  'replay:tick': ReplayTickDto;
  'replay:stopped': { sessionId: string; reason: 'paused' | 'completed' | 'error'; message?: string };
  'job:progress': JobProgressDto;
  'job:done': JobDoneDto;
}
