import type { z } from 'zod';
import type { ContractError, ContractResult } from '../errors';
import { accountMethods } from './account';
import { appMethods } from './app';
import { automationMethods } from './automation';
import { blindMethods } from './blind';
import { challengesMethods } from './challenges';
import type { ContractEvents } from './events';
import { marketMethods } from './market';
import type { MethodSpec } from './method';
import { onboardingMethods } from './onboarding';
import { onlineMethods } from './online';
import { optimisationsMethods } from './optimisations';
import { practiceMethods } from './practice';
import { reportsMethods } from './reports';
import { strategiesMethods } from './strategies';
import { studiesMethods } from './studies';
import { tradingMethods } from './trading';
import { updatesMethods } from './updates';

/** Every call the renderer (or the CLI, or a test) can make, by name `feature:verb-noun`. */
export const methods = {
  ...appMethods,
  ...marketMethods,
  ...tradingMethods,
  ...studiesMethods,
  ...updatesMethods,
  ...accountMethods,
  ...reportsMethods,
  ...onlineMethods,
  ...automationMethods,
  ...onboardingMethods,
  ...challengesMethods,
  ...strategiesMethods,
  ...optimisationsMethods,
  ...blindMethods,
  ...practiceMethods,
} satisfies Record<string, MethodSpec>;

export type Methods = typeof methods;
export type MethodName = keyof Methods;
/** What a caller passes (defaults may be omitted). */
export type MethodInput<K extends MethodName> = z.input<Methods[K]['input']>;
/** What a handler receives, after validation and defaults. */
export type MethodParsedInput<K extends MethodName> = z.output<Methods[K]['input']>;
export type MethodOutput<K extends MethodName> = NonNullable<Methods[K]['output']>;

export type Handlers = {
  [K in MethodName]: (input: MethodParsedInput<K>) => Promise<MethodOutput<K>> | MethodOutput<K>;
};

/** The client side: one async function per method. Rejects with ContractCallError. */
export type ContractApi = {
  [K in MethodName]: (input: MethodInput<K>) => Promise<MethodOutput<K>>;
};

export type EventName = keyof ContractEvents;
export type EventListener<E extends EventName> = (payload: ContractEvents[E]) => void;

/** What the preload exposes and the WebSocket client implements: raw results, no throwing. */
export interface ContractTransport {
  call(name: string, input: unknown): Promise<ContractResult<unknown>>;
  subscribe(listener: (name: string, payload: unknown) => void): () => void;
}

export type { ContractError, ContractEvents, ContractResult };
