export * from './backtest';
export * from './evaluator';
export * from './graph';
export * from './monte-carlo';
export * from './optimise';
export * from './validate';
export * from './walk-forward';
