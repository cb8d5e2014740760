import { expect, test } from 'bun:test';
import { DEFAULT_MATCH_CONFIG, matchConfigSchema } from './config.ts';
import { feeOf, slippageBps, slipped } from './pricing.ts';

test('fixed slippage moves every taker fill the same', () => {
  expect(slippageBps({ kind: 'fixed_bps', bps: 5 }, 1, 1)).toBe(5);
  expect(slipped(100, 'buy', 5)).toBe(100.05);
  expect(slipped(100, 'sell', 5)).toBe(99.95);
  expect(slippageBps({ kind: 'none' }, 1e9, 1)).toBe(0);
});

test("volume-share slippage grows with the fill's share of the volume, capped at the whole", () => {
  const model = { kind: 'volume_share', bps: 20 } as const;
  expect(slippageBps(model, 10, 100)).toBe(2);
  expect(slippageBps(model, 50, 100)).toBe(10);
  expect(slippageBps(model, 500, 100)).toBe(20);
  expect(slippageBps(model, 1, 0)).toBe(20); // a zero-size print says nothing about depth
});

test('fees are basis points of notional, rounded to 1e-8; maker may be a rebate', () => {
  const cfg = { ...DEFAULT_MATCH_CONFIG, fees: { makerBps: -1, takerBps: 7.5 } };
  expect(feeOf(cfg, 'taker', 3, 101.37)).toBe(0.2280825);
  expect(feeOf(cfg, 'maker', 3, 100)).toBe(-0.03);
  expect(feeOf(cfg, 'taker', 1 / 3, 0.1)).toBe(0.00002500);
});

test('the config schema fills defaults and names what it refuses', () => {
  expect(matchConfigSchema.parse({})).toEqual(DEFAULT_MATCH_CONFIG);
  const refused = matchConfigSchema.safeParse({ participation: 0, fees: { makerBps: 0, takerBps: -1 } });
  expect(refused.success).toBe(false);
  expect(refused.error?.issues.map((i) => i.message)).toEqual(['fees.takerBps must not be negative', 'participation must be greater than 0']);
});
