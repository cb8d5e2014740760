import { startSamplingProfiler } from 'bun:jsc';
import { behaviour, protocol } from '../../engine/index.ts';
import { threadProfile } from './aggregate.ts';

/**
 * `sim-profiler/<n>` runs JSC's sampling profiler in worker n (placed by id) from its start,
 * and answers `dump` with where that thread's time went: how a backtest's time per bar is
 * taken apart (bench/backtest.ts). Only spawned when a run asks to be profiled.
 */
export const profiler = behaviour({
  kind: 'sim-profiler',
  protocol: protocol({ dump: {} }),
  init: () => {
    startSamplingProfiler();
    return {};
  },
  handlers: {
    dump: (_s, _m, ctx) => ctx.reply(threadProfile()),
  },
});

export const PROFILER_PLACEMENT = { 'sim-profiler': 'by-id' } as const;
export const behaviours = [profiler];
