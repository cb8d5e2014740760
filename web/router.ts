/** A page: fills `root`, answers the function that stops everything it started (sockets, timers, charts). */
export type Page = (root: HTMLElement, params: readonly string[]) => () => void;

export interface Route {
  /** The nav entry it belongs to. */
  nav: 'markets' | 'account' | 'strategies' | 'system' | 'none';
  title: string;
  params: string[];
  load(): Promise<Page>;
}

const decode = (s: string) => {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
};

/**
 * `#/markets`, `#/symbol/{SYMBOL}[/{tf}]`, `#/account`, `#/strategies`, `#/backtests/{id}`,
 * `#/system`; an empty fragment is the markets page. Pages are separate chunks, loaded when shown.
 */
export function route(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter((p) => p !== '').map(decode);
  const [head = 'markets', ...rest] = parts;
  switch (head) {
    case 'markets':
      return { nav: 'markets', title: 'Markets', params: rest, load: async () => (await import('./pages/markets/index.ts')).marketsPage };
    case 'symbol':
      return { nav: 'markets', title: rest[0]?.toUpperCase() ?? 'Symbol', params: rest, load: async () => (await import('./pages/symbol/index.ts')).symbolPage };
    case 'account':
      return { nav: 'account', title: 'Account', params: rest, load: async () => (await import('./pages/account/index.ts')).accountPage };
    case 'strategies':
    case 'backtests':
      return { nav: 'strategies', title: 'Strategies and backtests', params: [head, ...rest], load: async () => (await import('./pages/strategies/index.ts')).strategiesPage };
    case 'system':
      return { nav: 'system', title: 'System', params: rest, load: async () => (await import('./pages/system/index.ts')).systemPage };
    default:
      return { nav: 'none', title: 'Not found', params: [head], load: async () => (await import('./pages/not-found.ts')).notFoundPage };
  }
}
