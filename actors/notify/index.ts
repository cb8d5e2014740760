import { notifier } from './behaviour.ts';

export { NOTIFIER, notifier, notifierProps, type NotifierView } from './behaviour.ts';
export const behaviours = [notifier];
export { NOTIFY_KINDS, notifyMetrics, startNotifications, type MetricsRegistry } from './start.ts';
