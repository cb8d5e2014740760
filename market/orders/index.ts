// Orders: Alpaca's v2 order request, the order record, its lifecycle and its JSON. Pure: no I/O.
export { decimalString, floorToStep, round8 } from './decimal.ts';
export { ALPACA_TIME_IN_FORCE, ASSET_CLASSES, ORDER_CLASSES, ORDER_TYPES, SIDES, TIME_IN_FORCE, opposite } from './vocabulary.ts';
export type { AssetClass, OrderClass, OrderType, Side, TimeInForce } from './vocabulary.ts';
export { orderRequestSchema, parseOrderRequest, type OrderRequest, type OrderRequestResult } from './request-schema.ts';
export { remainingNotional, remainingQty, type Order } from './order.ts';
export { ORDER_STATUSES, TERMINAL_STATUSES, IllegalTransition, canTransition, isTerminal, nextStatuses, transition } from './lifecycle.ts';
export type { OrderStatus, TerminalStatus } from './lifecycle.ts';
export { applyFill } from './fill.ts';
export { createOrders, type CreatedOrders, type OrderIdentity } from './create.ts';
export { toAlpacaJson, type AlpacaOrderJson } from './alpaca-json.ts';
