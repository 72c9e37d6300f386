/**
 * Practice streaks (seed 003: currentStreakDays, bestStreakDays, lastStreakDate). A local day
 * counts when the trader completes a replay day or replays `barsPerDay` bars on it; consecutive
 * counted days make the streak. Pure: the clock (`nowTs`) and the trader's zone offset come in.
 */
import { DAY_SECONDS, dateFromIso, isoDate } from './challenge-day';

export interface StreakState {
  currentStreakDays: number;
  bestStreakDays: number;
  /** Local date ('YYYY-MM-DD') of the last day that counted; null before the first. */
  lastStreakDate: string | null;
  /** The local date bars are being counted for, and how many so far. */
  pendingDate: string | null;
  pendingBars: number;
}

export const NO_STREAK: StreakState = {
  currentStreakDays: 0,
  bestStreakDays: 0,
  lastStreakDate: null,
  pendingDate: null,
  pendingBars: 0,
};

export interface StreakRules {
  /** Bars replayed in one local day that make it count. */
  barsPerDay: number;
  /** The trader's offset from UTC in minutes at `ts` (their zone, injected). */
  offsetMinutesAt: (ts: number) => number;
}

export type PracticeActivity = { kind: 'bars'; count: number } | { kind: 'replay-day-completed' };

/** The trader's local date at `ts`, days since the epoch. */
export function localDate(ts: number, offsetMinutesAt: (ts: number) => number): number {
  return Math.floor((ts + offsetMinutesAt(ts) * 60) / DAY_SECONDS);
}

/** The state after `activity` at `nowTs`. Returns the same object when nothing changed. */
export function recordPractice(
  state: StreakState,
  activity: PracticeActivity,
  nowTs: number,
  rules: StreakRules,
): StreakState {
  const today = localDate(nowTs, rules.offsetMinutesAt);
  const todayIso = isoDate(today);
  if (state.lastStreakDate === todayIso) return state;
  const bars =
    (state.pendingDate === todayIso ? state.pendingBars : 0) +
    (activity.kind === 'bars' ? activity.count : 0);
  if (activity.kind === 'bars' && bars < rules.barsPerDay) {
    return { ...state, pendingDate: todayIso, pendingBars: bars };
  }
  const last = state.lastStreakDate === null ? Number.NaN : dateFromIso(state.lastStreakDate);
  const current = last === today - 1 ? state.currentStreakDays + 1 : 1;
  return {
    currentStreakDays: current,
    bestStreakDays: Math.max(state.bestStreakDays, current),
    lastStreakDate: todayIso,
    pendingDate: todayIso,
    pendingBars: bars,
  };
}

export interface StreakView {
  /** 0 once a whole local day has passed without counting. */
  current: number;
  best: number;
  lastDate: string | null;
  todayCounts: boolean;
  /** Bars still needed today (0 when today counts). */
  barsLeftToday: number;
}

/** What the trader sees at `nowTs`. */
export function streakAt(state: StreakState, nowTs: number, rules: StreakRules): StreakView {
  const today = localDate(nowTs, rules.offsetMinutesAt);
  const last = state.lastStreakDate === null ? Number.NaN : dateFromIso(state.lastStreakDate);
  const todayCounts = last === today;
  const alive = todayCounts || last === today - 1;
  const barsToday = state.pendingDate === isoDate(today) ? state.pendingBars : 0;
  return {
    current: alive ? state.currentStreakDays : 0,
    best: state.bestStreakDays,
    lastDate: state.lastStreakDate,
    todayCounts,
    barsLeftToday: todayCounts ? 0 : Math.max(0, rules.barsPerDay - barsToday),
  };
}
