/** A strategy module for the actor's tests: buys when the published RSI(14) row is below 30. */
export default {
  name: 'rsi-row',
  create: () => ({
    onIndicators: (e: { symbol: string; values: { rsi_14: number | null } }) => (e.values.rsi_14 !== null && e.values.rsi_14 < 30 ? [{ symbol: e.symbol, side: 'buy', qty: 1, reason: 'rsi row below 30' }] : []),
  }),
};
