/// <reference lib="dom" />
import type { AlpacaOrderJson } from '../../../market/orders/index.ts';
import { api, ApiError, call, describe } from '../../lib/api.ts';
import { banner, every, fill, h, setText, stateBlock, throttle } from '../../lib/dom.ts';
import * as fmt from '../../lib/format.ts';
import { LiveSocket, statusText } from '../../lib/live.ts';
import { KeyedTable } from '../../lib/table.ts';
import { saveKeys, savedKeys, trading, type AccountJson, type Keys, type OrderJson, type PositionJson } from '../../lib/trading.ts';
import type { Page } from '../../router.ts';
import { equityPanel } from './equity.ts';
import { orderForm } from './order-form.ts';
import { openOrderColumns, pastOrderColumns, positionColumns } from './tables.ts';

/** A trade update as `/stream` sends it (api/alpaca/stream.ts). */
interface TradeUpdate {
  event: string;
  order: AlpacaOrderJson;
  timestamp: string;
  price?: string;
  qty?: string;
}

/** Why a key pair did not sign in, in words a user can act on. */
function signInError(e: unknown): string {
  if (e instanceof ApiError && (e.status === 401 || e.status === 403)) return `The key is wrong: ${e.message}. Check the key id and the secret that \`tickflow account create\` printed.`;
  if (e instanceof ApiError && e.status === 404) return 'Paper trading is not served here: this edge has no /v2 API (it runs where the engine runs, not on an --edge-only edge).';
  return describe(e);
}

/**
 * Account: sign in with an account's Alpaca key pair, then its equity and drawdown, positions
 * with unrealised P&L, open and past orders, the order form (place, replace, cancel), and its
 * trade updates live over `/stream`.
 */
export const accountPage: Page = (root) => {
  let stopSignedIn: (() => void) | null = null;
  const keys = savedKeys();
  if (keys) void signIn(keys, true);
  else showSignIn();

  function showSignIn(error?: string): void {
    const keyId = h('input', { name: 'key_id', autocomplete: 'username', placeholder: 'PK…', required: true, spellcheck: 'false' }) as HTMLInputElement;
    const secret = h('input', { name: 'secret', type: 'password', autocomplete: 'current-password', required: true }) as HTMLInputElement;
    const message = h('p', { class: 'error-text small', role: 'alert', 'data-testid': 'sign-in-error' }, error ?? '');
    const button = h('button', { type: 'submit', class: 'primary' }, 'Sign in');
    const form = h(
      'form',
      { class: 'stack panel', 'aria-label': 'Sign in', 'data-testid': 'sign-in' },
      h('h2', null, 'Sign in with an API key'),
      h('p', { class: 'muted small' }, 'Paper accounts trade through Tickflow’s Alpaca-compatible API. Create one with ', h('code', null, 'ADMIN_KEY=… npx tickflow account create --name you --cash 100000'), ' and paste its key id and secret. The secret stays in this tab only.'),
      h('label', null, 'Key id (APCA-API-KEY-ID)', keyId),
      h('label', null, 'Secret (APCA-API-SECRET-KEY)', secret),
      h('div', { class: 'row' }, button),
      message,
    );
    form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      button.disabled = true;
      message.textContent = '';
      await signIn({ keyId: keyId.value.trim(), secret: secret.value.trim() }, false, (e) => {
        message.textContent = e;
        button.disabled = false;
      });
    });
    fill(root, h('div', { class: 'page-head' }, h('h1', null, 'Account')), h('div', { class: 'grid' }, form));
    keyId.focus();
  }

  async function signIn(k: Keys, saved: boolean, onError?: (text: string) => void): Promise<void> {
    if (saved) fill(root, stateBlock('loading', 'Signing in…'));
    try {
      const account = await trading(k).account();
      saveKeys(k);
      showAccount(k, account);
    } catch (e) {
      if (saved) {
        saveKeys(null);
        showSignIn(signInError(e));
      } else onError?.(signInError(e));
    }
  }

  function showAccount(k: Keys, first: AccountJson): void {
    const t = trading(k);
    const tr = () => t;
    const streamBanner = banner();
    const errorBanner = banner();
    const figures = h('div', { class: 'figures', 'data-testid': 'account-figures' });
    const updates = h('div', { class: 'log', 'data-testid': 'trade-updates', 'aria-live': 'polite' }, h('div', { class: 'muted' }, 'Waiting for trade updates…'));
    let heard = 0;
    let open: OrderJson[] = [];
    let symbols: string[] = [];

    const renderFigures = (a: AccountJson) => {
      const pl = Number(a.equity) - Number(a.last_equity);
      const fig = (label: string, value: string, cls = '') => h('div', { class: 'figure' }, h('div', { class: 'label' }, label), h('div', { class: `value ${cls}` }, value));
      fill(
        figures,
        fig('Equity', fmt.usd(a.equity)),
        fig('Cash', fmt.usd(a.cash)),
        fig('Buying power', fmt.usd(a.buying_power)),
        fig('Long value', fmt.usd(a.long_market_value)),
        fig('Short value', fmt.usd(a.short_market_value)),
        fig('Today', `${fmt.usd(pl)} (${fmt.pct(Number(a.last_equity) > 0 ? (pl / Number(a.last_equity)) * 100 : null)})`, fmt.signClass(pl)),
      );
    };

    const act = async (what: string, run: () => Promise<unknown>) => {
      try {
        await run();
        errorBanner.set(null);
        refreshAll();
      } catch (e) {
        errorBanner.set('error', `${what}: ${describe(e)}`);
      }
    };
    const positions = new KeyedTable<PositionJson>({
      label: 'Positions',
      columns: positionColumns((symbol) => void act(`Closing ${symbol}`, () => t.closePosition(symbol))),
      key: (p) => p.symbol,
      sort: { key: 'symbol', dir: 'asc' },
      empty: () => 'No positions. Place an order to open one.',
    });
    const form = orderForm(tr, () => symbols, () => refreshAll());
    const openOrders = new KeyedTable<OrderJson>({
      label: 'Open orders',
      columns: openOrderColumns({
        replace: (id) => {
          const o = open.find((x) => x.id === id);
          if (o) form.replace(o);
        },
        cancel: (id) => void act('Canceling the order', () => t.cancel(id)),
      }),
      key: (o) => o.id,
      sort: { key: 'submitted', dir: 'desc' },
      empty: () => 'No open orders.',
    });
    const pastOrders = new KeyedTable<OrderJson>({ label: 'Past orders', columns: pastOrderColumns(), key: (o) => o.id, sort: { key: 'updated', dir: 'desc' }, empty: () => 'No orders filled, canceled or rejected yet.' });
    const equity = equityPanel(tr);
    const cancelAll = h('button', { type: 'button', class: 'small danger', onclick: () => void act('Canceling every order', () => t.cancelAll()) }, 'Cancel all');
    const signOut = h('button', { type: 'button', onclick: () => (stopSignedIn?.(), saveKeys(null), showSignIn()) }, 'Sign out');

    fill(
      root,
      h('div', { class: 'page-head' }, h('h1', null, 'Account'), h('span', { class: 'muted small mono', 'data-testid': 'account-id' }, first.id), h('span', { class: 'grow' }), signOut),
      streamBanner.el,
      errorBanner.el,
      figures,
      h('div', { class: 'grid-2' }, equity.el, h('section', { class: 'panel' }, h('h2', null, 'Order'), form.el)),
      h('section', { class: 'panel', 'data-testid': 'positions' }, h('h2', null, 'Positions'), positions.el),
      h('section', { class: 'panel', 'data-testid': 'open-orders' }, h('div', { class: 'panel-head' }, h('h2', null, 'Open orders'), h('span', { class: 'grow' }), cancelAll), openOrders.el),
      h('div', { class: 'grid' }, h('section', { class: 'panel', 'data-testid': 'past-orders' }, h('h2', null, 'Past orders'), pastOrders.el), h('section', { class: 'panel' }, h('h2', null, 'Trade updates'), updates)),
    );
    renderFigures(first);

    const refreshAccount = async () => {
      try {
        const [a, p] = await Promise.all([t.account(), t.positions()]);
        renderFigures(a);
        positions.set(p);
        errorBanner.set(null);
      } catch (e) {
        if (e instanceof ApiError && (e.status === 401 || e.status === 403)) {
          stopSignedIn?.();
          saveKeys(null);
          showSignIn(signInError(e));
        } else errorBanner.set('error', `The account did not load: ${describe(e)}`);
      }
    };
    const refreshOrders = async () => {
      try {
        const [o, c] = await Promise.all([t.orders('open'), t.orders('closed', 50)]);
        open = o;
        openOrders.set(o);
        pastOrders.set(c);
        cancelAll.disabled = o.length === 0;
      } catch (e) {
        errorBanner.set('error', `The orders did not load: ${describe(e)}`);
      }
    };
    const refreshAll = throttle(() => void Promise.all([refreshAccount(), refreshOrders(), equity.refresh()]), 300);

    const stream = new LiveSocket({
      path: '/stream',
      final: [],
      onOpen: (send) => send({ action: 'authenticate', data: { key_id: k.keyId, secret_key: k.secret } }),
      onFrame: (frame) => {
        const f = frame as { stream?: string; data?: { status?: string; event?: string } };
        if (f.stream === 'authorization') {
          if (f.data?.status === 'authorized') stream.send({ action: 'listen', data: { streams: ['trade_updates'] } });
          else streamBanner.set('error', 'The trade stream refused the key: live trade updates are off.');
        } else if (f.stream === 'trade_updates' && f.data?.event) {
          const u = f.data as unknown as TradeUpdate;
          if (heard++ === 0) fill(updates);
          const o = u.order;
          const fillText = u.price ? ` ${fmt.qty(u.qty)} @ ${fmt.price(Number(u.price))}` : '';
          updates.prepend(h('div', { class: u.event === 'fill' ? 'up' : u.event === 'rejected' || u.event === 'canceled' ? 'down' : '', 'data-event': u.event }, `${fmt.time(u.timestamp, true)} ${u.event} ${o.side} ${o.symbol}${fillText} (${o.status})`));
          while (updates.childElementCount > 100) updates.lastElementChild?.remove();
          refreshAll();
        }
      },
      onStatus: (s) => {
        const text = statusText(s, 'Live trade updates');
        streamBanner.set(text ? 'warn' : null, text ?? '');
      },
    });

    // Prices move between trade updates: the P&L is read again every 2 s, the orders every 5 s.
    const stops = [every(2_000, refreshAccount), every(5_000, refreshOrders), every(15_000, () => equity.refresh())];
    void call(api.api.market.summary.$get({ query: {} }))
      .then((s) => (symbols = Object.entries(s).filter(([c]) => c !== 'macro').flatMap(([, v]) => v?.symbols.map((r) => r.symbol) ?? [])))
      .catch(() => {});
    stopSignedIn = () => {
      stream.close();
      stops.forEach((s) => s());
      refreshAll.cancel();
      equity.close();
      stopSignedIn = null;
    };
    setText(document.querySelector('title')!, `Account ${first.id.slice(0, 8)} · Tickflow`);
  }

  return () => stopSignedIn?.();
};
