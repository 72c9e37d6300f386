import type { MethodName } from './index';

/**
 * The method names alone, without zod, for the sandboxed preload (which can bundle no schema
 * library). The two checks below make a missing or extra name a compile error.
 */
export const METHOD_NAME_LIST = [
  'app:get-info',
  'instruments:list',
  'instruments:save',
  'import:preview',
  'import:start',
  'import:cancel',
  'import:run',
  'datasets:list',
  'datasets:delete',
  'datasets:get',
  'datasets:set-active',
  'candles:list',
  'sessions:create',
  'sessions:list',
  'sessions:get',
  'sessions:delete',
  'replay:snapshot',
  'replay:step',
  'replay:play',
  'replay:pause',
  'orders:place',
  'positions:close',
  'ledger:list',
  'sessions:update',
  'sessions:archive',
  'sessions:summary',
  'replay:step-chart-bar',
  'replay:jump',
  'orders:list',
  'orders:modify',
  'orders:cancel',
  'positions:list',
  'positions:modify',
  'positions:close-all',
  'positions:reverse',
  'positions:break-even',
  'account:cash',
  'sizing:lots',
  'studies:get',
  'studies:save',
  'drawings:list',
  'drawings:save',
  'drawings:delete',
  'updates:get-state',
  'updates:check',
  'updates:download',
  'updates:install',
  'account:get-plan',
  'reports:create',
  'reports:get',
  'reports:list',
  'reports:summary',
  'reports:export',
  'journal:list',
  'journal:save',
] as const satisfies readonly MethodName[];

type Listed = (typeof METHOD_NAME_LIST)[number];
type Missing = Exclude<MethodName, Listed>;
/** If this line fails to compile, add the method named in the error to METHOD_NAME_LIST. */
export const everyMethodListed: [Missing] extends [never] ? true : Missing = true;
