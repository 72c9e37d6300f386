import type { JobDoneDto, JobProgressDto, ReplayTickDto } from '../dto';
import type { ChallengeBreachedDto, ChallengeEndedDto } from './challenges';
import type { OnboardingDto } from './onboarding';
import type { AccountStatusDto, SupportNoticeDto } from './online';
import type { OptimisationProgressDto } from './optimisations';
import type { PracticeReminderDto } from './practice';
import type { BacktestProgressDto } from './strategies';
import type { UpdateStateDto } from './updates';

/** Every push from main to the renderer. */
export interface ContractEvents {
  'replay:tick': ReplayTickDto;
  /** The play clock stopped: paused, the data's end, an error, or a fill with pause-on-fill on. */
  'replay:stopped': {
    sessionId: string;
    reason: 'paused' | 'completed' | 'error' | 'fill';
    message?: string;
  };
  'job:progress': JobProgressDto;
  'job:done': JobDoneDto;
  /** A native menu item or accelerator the renderer should act on. */
  'app:command': { command: AppCommand };
  /** The updater's state changed (check, progress, downloaded, error). */
  'updates:state': UpdateStateDto;
  /** Sign-in, subscription or licence changed (sign-in, refresh, session ended by the server). */
  'account:changed': AccountStatusDto;
  /** A support reply or status change arrived from the server. */
  'support:changed': SupportNoticeDto;
  /** The sample finished (or failed) importing, a checklist step was done, or it was dismissed. */
  'onboarding:changed': OnboardingDto;
  /** A backtest run's progress (bars/s, %, ETA) and its end. */
  'backtests:progress': BacktestProgressDto;
  /** An optimisation or walk-forward run's progress (sets done, %, ETA) and its end. */
  'optimisations:progress': OptimisationProgressDto;
  /** A challenge broke a rule, announced after the step or action that broke it was committed. */
  'challenges:breached': ChallengeBreachedDto;
  /** A challenge ended (passed, failed, or ended by the trader), after the step or action was committed. */
  'challenges:ended': ChallengeEndedDto;
  /** A practice reminder is due (browser mode shows it; the desktop app also notifies). */
  'practice:reminder': PracticeReminderDto;
}

export type AppCommand = 'open-import' | 'play-pause' | 'step' | 'open-sessions' | 'open-desk';
