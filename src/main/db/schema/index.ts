export * from './market';
export * from './trading';
export * from './users';
