/** The words of Alpaca's v2 order API, one list each, so schemas, records and tables agree. */

export const SIDES = ['buy', 'sell'] as const;
export type Side = (typeof SIDES)[number];

export const ORDER_TYPES = ['market', 'limit', 'stop', 'stop_limit', 'trailing_stop'] as const;
export type OrderType = (typeof ORDER_TYPES)[number];

/** Every value Alpaca defines; `opg` and `cls` (auction orders) parse only to be refused by name. */
export const ALPACA_TIME_IN_FORCE = ['day', 'gtc', 'ioc', 'fok', 'opg', 'cls'] as const;
export const TIME_IN_FORCE = ['day', 'gtc', 'ioc', 'fok'] as const;
export type TimeInForce = (typeof TIME_IN_FORCE)[number];

export const ORDER_CLASSES = ['simple', 'bracket', 'oco', 'oto'] as const;
export type OrderClass = (typeof ORDER_CLASSES)[number];

export const ASSET_CLASSES = ['us_equity', 'crypto'] as const;
export type AssetClass = (typeof ASSET_CLASSES)[number];

export const opposite = (side: Side): Side => (side === 'buy' ? 'sell' : 'buy');
