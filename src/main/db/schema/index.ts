export * from './desk';
export * from './market';
export * from './trading';
export * from './usage';
export * from './users';
