export * from './market';
export * from './trading';
export * from './users';
export * from './desk';
export * from './usage';
