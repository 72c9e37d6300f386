/** Challenges (issue 18): rulebook, evaluator, chance of passing, streaks and reminders. */
export * from './challenge-day';
export * from './evaluator';
export * from './hook';
export * from './pass-probability';
export * from './reminders';
export * from './rulebook';
export * from './streaks';
export * from './validate-rulebook';
