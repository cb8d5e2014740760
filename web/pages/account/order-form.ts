/// <reference lib="dom" />
import { describe } from '../../lib/api.ts';
import { fill, h } from '../../lib/dom.ts';
import * as fmt from '../../lib/format.ts';
import type { OrderBody, OrderJson, ReplaceBody, Trading } from '../../lib/trading.ts';

const TYPES = ['market', 'limit', 'stop', 'stop_limit'] as const;
const TIFS = ['gtc', 'day', 'ioc', 'fok'] as const;

const select = (name: string, values: readonly string[], value: string) =>
  h('select', { name }, values.map((v) => h('option', { value: v, selected: v === value }, v.replace('_', ' ')))) as HTMLSelectElement;
const input = (name: string, props: Record<string, string> = {}) => h('input', { name, autocomplete: 'off', ...props }) as HTMLInputElement;
const field = (label: string, control: HTMLElement) => h('label', null, label, control);

/** The optional decimal fields the form has: empty means left out of the body. */
const decimal = (el: HTMLInputElement): string | undefined => (el.value.trim() === '' ? undefined : el.value.trim());

/**
 * Placing an order, and replacing an open one. What the server refuses comes back with its own
 * words (Alpaca's `message`: every field at fault, a risk refusal's reason) and is shown as is:
 * the form checks nothing the server does not, so the two cannot disagree.
 */
export function orderForm(t: () => Trading, symbols: () => readonly string[], onChange: () => void): { el: HTMLElement; replace(order: OrderJson): void } {
  let side: 'buy' | 'sell' = 'buy';
  const list = h('datalist', { id: 'order-symbols' });
  const symbol = input('symbol', { list: 'order-symbols', placeholder: 'BTCUSDT', required: 'true', 'aria-label': 'Symbol', autocapitalize: 'characters' });
  symbol.addEventListener('focus', () => fill(list, symbols().map((s) => h('option', { value: s }))));
  const type = select('type', TYPES, 'market');
  const qty = input('qty', { inputmode: 'decimal', placeholder: '0.1', required: 'true' });
  const limit = input('limit_price', { inputmode: 'decimal' });
  const stop = input('stop_price', { inputmode: 'decimal' });
  const tif = select('time_in_force', TIFS, 'gtc');
  const message = h('p', { class: 'small', role: 'status', 'data-testid': 'order-message' });
  const buy = h('button', { type: 'button', class: 'side-buy', 'aria-pressed': 'true' }, 'Buy');
  const sell = h('button', { type: 'button', class: 'side-sell', 'aria-pressed': 'false' }, 'Sell');
  const submit = h('button', { type: 'submit', class: 'primary' }, 'Place buy order');
  const limitField = field('Limit price', limit);
  const stopField = field('Stop price', stop);

  const sync = () => {
    buy.setAttribute('aria-pressed', String(side === 'buy'));
    sell.setAttribute('aria-pressed', String(side === 'sell'));
    submit.textContent = `Place ${side} order`;
    limitField.hidden = !type.value.includes('limit');
    stopField.hidden = !type.value.startsWith('stop');
  };
  buy.addEventListener('click', () => ((side = 'buy'), sync()));
  sell.addEventListener('click', () => ((side = 'sell'), sync()));
  type.addEventListener('change', sync);
  sync();

  const say = (kind: 'ok' | 'error', text: string) => {
    message.className = `small ${kind === 'ok' ? 'ok-text' : 'error-text'}`;
    message.textContent = text;
  };

  const form = h(
    'form',
    { class: 'stack', 'aria-label': 'Place an order', 'data-testid': 'order-form' },
    h('div', { class: 'tabs', role: 'group', 'aria-label': 'Side' }, buy, sell),
    h('div', { class: 'form-row' }, field('Symbol', symbol), field('Quantity', qty)),
    h('div', { class: 'form-row' }, field('Type', type), field('Time in force', tif)),
    h('div', { class: 'form-row' }, limitField, stopField),
    h('div', { class: 'row' }, submit),
    message,
    list,
  );
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const body: OrderBody = { symbol: symbol.value.trim().toUpperCase(), side, type: type.value as OrderBody['type'], time_in_force: tif.value as OrderBody['time_in_force'], qty: qty.value.trim() };
    if (!limitField.hidden) body.limit_price = decimal(limit);
    if (!stopField.hidden) body.stop_price = decimal(stop);
    submit.disabled = true;
    try {
      const order = await t().submit(body);
      say('ok', `Order accepted: ${order.side} ${fmt.qty(order.qty)} ${order.symbol} ${order.type.replace('_', ' ')}, ${order.status}.`);
      onChange();
    } catch (e) {
      say('error', describe(e));
    } finally {
      submit.disabled = false;
    }
  });

  // Replacing: the open order's quantity, prices and time in force, whichever it has.
  const rQty = input('qty', { inputmode: 'decimal' });
  const rLimit = input('limit_price', { inputmode: 'decimal' });
  const rStop = input('stop_price', { inputmode: 'decimal' });
  const rTif = select('time_in_force', TIFS, 'gtc');
  const rTitle = h('h3', null, 'Replace');
  const rMessage = h('p', { class: 'small', role: 'status' });
  const rSubmit = h('button', { type: 'submit', class: 'primary' }, 'Replace order');
  const rCancel = h('button', { type: 'button' }, 'Keep it');
  const rLimitField = field('Limit price', rLimit);
  const rStopField = field('Stop price', rStop);
  let editing: OrderJson | null = null;
  const replaceForm = h(
    'form',
    { class: 'stack', hidden: true, 'aria-label': 'Replace an order', 'data-testid': 'replace-form' },
    rTitle,
    h('div', { class: 'form-row' }, field('Quantity', rQty), field('Time in force', rTif)),
    h('div', { class: 'form-row' }, rLimitField, rStopField),
    h('div', { class: 'row' }, rSubmit, rCancel),
    rMessage,
  );
  rCancel.addEventListener('click', () => ((editing = null), (replaceForm.hidden = true)));
  replaceForm.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    if (!editing) return;
    const body: ReplaceBody = { qty: decimal(rQty), time_in_force: rTif.value as ReplaceBody['time_in_force'] };
    if (!rLimitField.hidden) body.limit_price = decimal(rLimit);
    if (!rStopField.hidden) body.stop_price = decimal(rStop);
    rSubmit.disabled = true;
    try {
      const order = await t().replace(editing.id, body);
      editing = null;
      replaceForm.hidden = true;
      say('ok', `Order replaced: now ${fmt.qty(order.qty)} ${order.symbol}, ${order.status}.`);
      onChange();
    } catch (e) {
      rMessage.className = 'small error-text';
      rMessage.textContent = describe(e);
    } finally {
      rSubmit.disabled = false;
    }
  });

  return {
    el: h('div', null, form, replaceForm),
    replace(order) {
      editing = order;
      rTitle.textContent = `Replace ${order.side} ${order.symbol} ${order.type.replace('_', ' ')}`;
      rQty.value = order.qty ?? '';
      rLimit.value = order.limit_price ?? '';
      rStop.value = order.stop_price ?? '';
      rTif.value = order.time_in_force;
      rLimitField.hidden = order.limit_price === null;
      rStopField.hidden = order.stop_price === null;
      rMessage.textContent = '';
      replaceForm.hidden = false;
      rQty.focus();
    },
  };
}
