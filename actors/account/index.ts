import { account } from './behaviour.ts';

export { account };
export { tradeTopic } from '../../market/topics.ts';
export { accountProps, accountProtocol, type AccountProps, type CommandReply, type HistoryReply, type TradeUpdateMsg } from './messages.ts';
export { accountConfigSchema, type AccountConfig } from './config.ts';
export type { AccountEvent, TradeEvent, TradeUpdate } from './events.ts';
export type { AccountView, FillsQuery, PositionView } from './views.ts';
export type { FillRecord } from './state.ts';
export { auditAccount } from './audit.ts';
export const behaviours = [account];
