import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/server/config.js';
import { PAID_ONLY_TEMPLATE_IDS } from '../../src/shared/paid-attempts.js';

describe('paid challenge products in the configuration', () => {
  it('sells an attempt and a reset of every paid-only template by default, in integer cents', () => {
    const c = loadConfig({});
    expect(c.challengeProducts.map((p) => [p.templateId, p.kind])).toEqual(
      PAID_ONLY_TEMPLATE_IDS.flatMap((id) => [
        [id, 'attempt'],
        [id, 'reset'],
      ]),
    );
    expect(c.challengeProducts.every((p) => Number.isInteger(p.amountCents) && p.amountCents > 0)).toBe(true);
  });

  it('reads CHALLENGE_PRODUCTS_JSON and refuses a bad one naming the variable', () => {
    const product = { templateId: 'mine', kind: 'attempt', name: 'Mine', amountCents: 990, currency: 'EUR' };
    const c = loadConfig({ CHALLENGE_PRODUCTS_JSON: JSON.stringify([product]) });
    expect(c.challengeProducts).toEqual([{ ...product, currency: 'eur' }]);
    expect(() => loadConfig({ CHALLENGE_PRODUCTS_JSON: '{' })).toThrow(/CHALLENGE_PRODUCTS_JSON/);
    expect(() =>
      loadConfig({ CHALLENGE_PRODUCTS_JSON: JSON.stringify([{ ...product, amountCents: 9.99 }]) }),
    ).toThrow(/CHALLENGE_PRODUCTS_JSON/);
    expect(() =>
      loadConfig({ CHALLENGE_PRODUCTS_JSON: JSON.stringify([{ ...product, kind: 'gift' }]) }),
    ).toThrow(/CHALLENGE_PRODUCTS_JSON/);
    expect(() => loadConfig({ CHALLENGE_PRODUCTS_JSON: JSON.stringify([product, product]) })).toThrow(
      /one product per template and kind/,
    );
  });
});
