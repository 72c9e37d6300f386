export * from './automation';
export * from './desk';
export * from './market';
export * from './reports';
export * from './support';
export * from './trading';
export * from './usage';
export * from './users';
