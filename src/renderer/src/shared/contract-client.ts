import type { ContractApi, ContractTransport, EventListener, EventName } from '../../../shared/contract';
import type { ContractBridge } from '../../../shared/contract/bridge';
import { CONTRACT_SOCKET_PATH, type WireEvent, type WireReply } from '../../../shared/contract/wire';
import { ContractCallError, type ContractResult, ErrorCode } from '../../../shared/errors';

declare global {
  interface Window {
    tickstep?: ContractBridge;
  }
}

/** The Electron transport: the preload's bridge. */
function bridgeTransport(bridge: ContractBridge): ContractTransport {
  return {
    call: (name, input) => {
      const fn = (bridge.call as Record<string, (input: unknown) => Promise<ContractResult<unknown>>>)[name];
      if (!fn)
        return Promise.resolve({ ok: false, error: { code: ErrorCode.UNKNOWN_METHOD, message: name } });
      return fn(input);
    },
    subscribe: (listener) => bridge.onEvent(listener),
  };
}

/** Browser mode's transport: the contract socket on the page's own origin, with the run token. */
function socketTransport(token: string): ContractTransport {
  const listeners = new Set<(name: string, payload: unknown) => void>();
  const pending = new Map<number, (result: ContractResult<unknown>) => void>();
  let nextId = 1;
  let socket: WebSocket | undefined;
  let opened: Promise<WebSocket> | undefined;

  const connect = (): Promise<WebSocket> => {
    if (opened) return opened;
    opened = new Promise((resolve, reject) => {
      const url = `ws://${location.host}${CONTRACT_SOCKET_PATH}?token=${encodeURIComponent(token)}`;
      const ws = new WebSocket(url);
      ws.onopen = () => {
        socket = ws;
        resolve(ws);
      };
      ws.onerror = () =>
        reject(new ContractCallError(ErrorCode.UNAUTHORIZED, 'Cannot reach the Tickstep back end'));
      ws.onclose = () => {
        opened = undefined;
        socket = undefined;
        for (const [id, settle] of pending) {
          settle({
            ok: false,
            error: { code: ErrorCode.INTERNAL, message: 'Connection to the back end closed' },
          });
          pending.delete(id);
        }
      };
      ws.onmessage = (message) => {
        const data = JSON.parse(String(message.data)) as WireReply | WireEvent;
        if ('event' in data) {
          for (const listener of listeners) listener(data.event, data.payload);
        } else {
          pending.get(data.id)?.(data.result);
          pending.delete(data.id);
        }
      };
    });
    return opened;
  };

  return {
    call: async (method, input) => {
      const ws = socket ?? (await connect());
      const id = nextId++;
      return new Promise((resolve) => {
        pending.set(id, resolve);
        ws.send(JSON.stringify({ id, method, input }));
      });
    },
    subscribe: (listener) => {
      listeners.add(listener);
      void connect().catch(() => {});
      return () => listeners.delete(listener);
    },
  };
}

function browserToken(): string {
  const params = new URLSearchParams(location.search);
  const token = params.get('token') ?? sessionStorage.getItem('tickstep-token') ?? '';
  if (token) sessionStorage.setItem('tickstep-token', token);
  return token;
}

export interface ContractClient {
  api: ContractApi;
  on<E extends EventName>(name: E, listener: EventListener<E>): () => void;
}

/** One client for both transports: every call resolves with its value or rejects with ContractCallError. */
export function createContractClient(transport: ContractTransport): ContractClient {
  const api = new Proxy({} as ContractApi, {
    get: (_target, name: string) => async (input: unknown) => {
      const result = await transport.call(name, input ?? {});
      if (!result.ok)
        throw new ContractCallError(result.error.code, result.error.message, result.error.details);
      return result.value;
    },
  });
  return {
    api,
    on: (name, listener) =>
      transport.subscribe((event, payload) => {
        if (event === name) (listener as (payload: unknown) => void)(payload);
      }),
  };
}

export const client: ContractClient = createContractClient(
  window.tickstep ? bridgeTransport(window.tickstep) : socketTransport(browserToken()),
);
export const api = client.api;
