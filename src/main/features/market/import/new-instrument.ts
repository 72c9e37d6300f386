import { RowInterpreter } from '../../../../core/import/row-interpreter';
import type { InstrumentDto, InstrumentSpec } from '../../../../shared/dto';
import type { MarketDeps } from '../deps';
import { saveInstrument } from '../instruments';
import { type ImportParams, parseText, resolveSetup } from './runner-setup';

/** ISO currencies a six-letter forex symbol is made of. */
const CURRENCIES = new Set(
  'USD EUR GBP JPY CHF CAD AUD NZD SEK NOK DKK PLN HUF CZK TRY ZAR MXN SGD HKD CNH CNY RUB ILS THB INR KRW BRL'.split(
    ' ',
  ),
);

/** The fewest decimals that write every price exactly (at most 8): 1.09751 → 5, 141.6000000 → 1. */
export function digitsOf(prices: number[]): number {
  let digits = 0;
  for (const price of prices) {
    while (digits < 8 && Math.abs(price * 10 ** digits - Math.round(price * 10 ** digits)) > 1e-6) digits++;
  }
  return digits;
}

/**
 * What an instrument the catalogue lacks is, from its symbol and its prices: a pair of currencies
 * (EURSEK: 100,000 units a lot, the pip one digit above the last for 3 and 5 digits, as brokers
 * quote) or anything else (a share, an index, a coin: 1 unit a lot, the pip the last digit, quoted
 * in USD). The trader can edit it under Instruments.
 */
export function specFromData(symbol: string, prices: number[]): InstrumentSpec {
  const digits = digitsOf(prices);
  const base = symbol.slice(0, 3);
  const quote = symbol.slice(3);
  if (/^[A-Z]{6}$/.test(symbol) && CURRENCIES.has(base) && CURRENCIES.has(quote)) {
    const pipDigits = digits === 3 || digits === 5 ? digits - 1 : digits;
    return {
      symbol,
      displayName: `${base}/${quote}`,
      digits,
      pipSize: Number((10 ** -pipDigits).toFixed(pipDigits)),
      contractSize: 100_000,
      baseCurrency: base,
      quoteCurrency: quote,
    };
  }
  return {
    symbol,
    displayName: symbol,
    digits,
    pipSize: Number((10 ** -digits).toFixed(digits)),
    contractSize: 1,
    baseCurrency: symbol.slice(0, 12),
    quoteCurrency: 'USD',
  };
}

/** Adds the instrument a file's prices describe (the first 64 KiB), for an import naming an unknown symbol. */
export async function createInstrumentFromData(
  ctx: MarketDeps,
  path: string,
  displayName: string,
  symbol: string,
  o: Pick<ImportParams, 'format' | 'tz' | 'timeframe' | 'layout'>,
): Promise<InstrumentDto> {
  const setup = await resolveSetup(path, displayName, { ...o, skipInvalid: true });
  const prices: number[] = [];
  const probe = new RowInterpreter(setup.layout, setup.zone, {
    batch: (b) => {
      for (let i = 0; i < b.count; i++) prices.push(b.open[i]!, b.high[i]!, b.low[i]!, b.close[i]!);
    },
    issue: () => true,
  });
  const cut = setup.sample.lastIndexOf('\n');
  const rows = parseText(cut < 0 ? setup.sample : setup.sample.slice(0, cut), setup.layout, setup.newline);
  probe.push(rows.slice(setup.layout.headerLines), setup.layout.headerLines + 1);
  probe.end();
  return saveInstrument(ctx, specFromData(symbol.toUpperCase(), prices));
}
