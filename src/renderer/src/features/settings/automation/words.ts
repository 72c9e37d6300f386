import type { AutomationScope, WebhookEventType } from '../../../../../shared/contract/automation';

/** What each scope lets a key do, in the words the API reference uses. */
export const SCOPE_WORDS: Record<AutomationScope, string> = {
  'market:read': 'Read instruments, data, sessions, candles up to the cursor, orders, positions, the ledger',
  'sessions:write': 'Create sessions and move their replay: step, play, pause, jump, complete',
  'orders:write': 'Place, modify and cancel orders; close, break-even and reverse positions',
  'reports:read': 'Read session summaries and reports',
  'import:write': 'Import candle files',
};

export const EVENT_WORDS: Record<WebhookEventType, string> = {
  'order.filled': 'Order filled',
  'position.closed': 'Position closed',
  'session.completed': 'Session completed',
  'challenge.breached': 'Challenge breached',
  'backtest.completed': 'Backtest completed',
};
