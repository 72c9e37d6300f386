export * from './backtest';
export * from './evaluator';
export * from './graph';
export * from './validate';
