import { z } from 'zod';
import { method } from './method';

/** First run: the sample dataset, the welcome's one-click session and the first-steps checklist. */

/** The first steps the checklist walks through, in order. */
export const CHECKLIST_STEPS = ['step', 'bracket-buy', 'play', 'report'] as const;
export type ChecklistStep = (typeof CHECKLIST_STEPS)[number];

/** What each step asks of the trader, in the words the welcome shows. */
export const CHECKLIST_LABELS: Record<ChecklistStep, string> = {
  step: 'Step one bar forward (→)',
  'bracket-buy': 'Buy with a stop loss and a take profit',
  play: 'Play the replay (Space)',
  report: 'Open the report of a session',
};

/**
 * The sample's state in this store: `importing` while the first-start job runs, `ready` once its
 * files are in the store, `missing` when they are not (never seeded, or the trader deleted them),
 * `failed` when the last attempt to import them failed (`message` says why).
 */
export type SampleState = 'importing' | 'ready' | 'missing' | 'failed';

export interface OnboardingDto {
  sample: { state: SampleState; message: string | null; symbols: string[] };
  /** Each step and, once done, when (UTC seconds); marks are kept in the store, never undone. */
  checklist: { step: ChecklistStep; label: string; doneAt: number | null }[];
  /** The trader closed the checklist (it stays closed). */
  dismissed: boolean;
}

/**
 * The session "Replay the sample" starts: EURUSD from Monday 4 March 2024 07:00 UTC (an hour
 * before London opens, with the Asian night on the chart), $10,000 at 1:100, a one-pip spread.
 */
export const SAMPLE_SESSION = {
  symbol: 'EURUSD',
  name: 'Sample: EURUSD, March 2024',
  timeframe: 'M1',
  startAt: '2024-03-04T07:00:00Z',
  balance: 10_000,
  currency: 'USD',
  leverage: 100,
  spreadPts: 10,
  slippagePts: 0,
  commissionPerLot: 0,
  stopOutPct: 50,
  speed: '1x',
} as const;

export const onboardingMethods = {
  /** The sample's state, the checklist and whether it was dismissed. */
  'onboarding:get': method<OnboardingDto>()(z.object({}).strict()),
  /**
   * Imports the sample files that are not in the store yet, through the normal import (plan
   * limits apply), and answers when they are in; a first-start import in flight is awaited.
   */
  'onboarding:import-sample': method<OnboardingDto>()(z.object({}).strict()),
  /** Closes (or, with `dismissed: false`, reopens) the first-steps checklist. */
  'onboarding:dismiss': method<OnboardingDto>()(z.object({ dismissed: z.boolean().default(true) }).strict()),
};
