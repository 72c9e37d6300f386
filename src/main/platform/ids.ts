import { randomUUID } from 'node:crypto';

/** Fresh row ids; injected so tests can make them predictable. */
export type NewId = () => string;

export const randomId: NewId = () => randomUUID();
