import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import type { Page } from 'playwright-core';
import { ADMIN_KEY, lastPrice, startTradingServer, type Credentials, type TradingServer } from '../api/alpaca/testing.ts';
import { startMain } from '../api/testing/start-main.ts';
import { launch, requireChromium, PHONE, type Browser } from './testing/browser.ts';

/**
 * The dashboard in a real browser (Debian's Chromium, headless) against a real Tickflow: main.ts
 * replaying the bundled market at 600× on a free port, with an account made through the admin
 * route. Each page is driven as a user would, and photographed into web/screenshots/.
 */
let server: TradingServer;
let browser: Browser;
let account: Credentials;

beforeAll(async () => {
  requireChromium();
  [server, browser] = await Promise.all([startTradingServer(), launch()]);
  // A first start stores three days of history before the replay plays on: the market is there once it prints.
  await Promise.all([lastPrice(server.url, 'BTCUSDT'), lastPrice(server.url, 'AAPL')]);
  const res = await fetch(new URL('api/admin/accounts', server.url), {
    method: 'POST',
    headers: { Authorization: `Bearer ${ADMIN_KEY}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ name: 'dashboard', cash: 1_000_000 }),
  });
  expect(res.status).toBe(201);
  account = (await res.json()) as Credentials;
}, 240_000);

afterAll(async () => {
  await browser?.close();
  if (server) expect(await server.stop()).toBe(0);
});

const text = (page: Page, selector: string) => page.locator(selector).first().innerText();
/** Waits until `selector`'s text is something other than `was`. */
const changes = (page: Page, selector: string, was: string, timeout = 20_000) =>
  page.waitForFunction(([s, w]) => (document.querySelector(s!)?.textContent ?? w) !== w, [selector, was] as const, { timeout });

describe('markets', () => {
  test('live prices by asset class that change as the market prints; sortable, searchable; a row opens its symbol', async () => {
    const page = await browser.open(server.url);
    const btc = 'tr[data-key="BTCUSDT"] td[data-col="last"]';
    await page.waitForSelector(btc);
    const first = await text(page, btc);
    expect(Number(first.replaceAll(',', ''))).toBeGreaterThan(1000);
    await changes(page, btc, first);
    expect(await page.locator('tbody tr').count()).toBe(8); // the crypto tab: the 8 pairs

    // Sorting by 24h change, descending on the second click: the column reads in order.
    await page.click('th button.sort:text-is("24h")');
    await page.click('th button.sort:text-is("24h")');
    expect(await page.getAttribute('th:has(button:text-is("24h"))', 'aria-sort')).toBe('descending');
    const changesPct = (await page.locator('td[data-col="changePct"]').allInnerTexts()).map((t) => Number(t.replace('%', '')));
    expect(changesPct).toEqual([...changesPct].sort((a, b) => b - a));

    await page.click('button[data-class="stock"]');
    await page.waitForSelector('tr[data-key="AAPL"]', { timeout: 20_000 });
    await page.fill('input[type="search"]', 'apple');
    await page.waitForFunction(() => document.querySelectorAll('tbody tr[data-key]').length === 1);
    expect(await text(page, 'tbody tr[data-key] td[data-col="symbol"]')).toContain('Apple Inc.');
    await page.fill('input[type="search"]', 'no such thing');
    await page.waitForSelector('tbody .empty:text("matches")');
    await page.fill('input[type="search"]', '');
    await page.click('button[data-class="crypto"]');
    await page.waitForSelector(btc);
    await browser.screenshot(page, 'markets');

    await page.click('tr[data-key="ETHUSDT"] td[data-col="volume"]');
    await page.waitForFunction(() => location.hash === '#/symbol/ETHUSDT');
    await page.close();
  }, 60_000);
});

/** Pixels of the chart's canvases near each colour: what the chart actually drew. */
const drawn = (page: Page) =>
  page.evaluate(() => {
    const near = (d: Uint8ClampedArray, i: number, [r, g, b]: number[]) => Math.abs(d[i]! - r!) + Math.abs(d[i + 1]! - g!) + Math.abs(d[i + 2]! - b!) < 24;
    const counts = { up: 0, down: 0, band: 0 };
    for (const canvas of document.querySelectorAll<HTMLCanvasElement>('[data-testid="price-chart"] canvas')) {
      const ctx = canvas.getContext('2d');
      if (!ctx || canvas.width === 0 || canvas.height === 0) continue;
      const d = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
      for (let i = 0; i < d.length; i += 4) {
        if (near(d, i, [38, 166, 154])) counts.up++;
        else if (near(d, i, [239, 83, 80])) counts.down++;
        // The band: rgba(74, 163, 255, 0.18) over the panel's #121821.
        else if (near(d, i, [28, 49, 73])) counts.band++;
      }
    }
    return counts;
  });

describe('symbol', () => {
  test('draws candles with volume and the forecast band; the forming candle moves with the prints; the timeframe switches', async () => {
    const page = await browser.open(`${server.url}#/symbol/BTCUSDT`);
    const chart = '[data-testid="price-chart"]';
    await page.waitForFunction((s) => Number(document.querySelector<HTMLElement>(s)?.dataset.candles) > 50 && Number(document.querySelector<HTMLElement>(s)?.dataset.forecastPoints) > 1, chart, { timeout: 30_000 });
    expect(await page.getAttribute(chart, 'data-tf')).toBe('1h');
    await page.waitForTimeout(300); // the chart paints on the next frame
    const pixels = await drawn(page);
    expect(pixels.up).toBeGreaterThan(200);
    expect(pixels.down).toBeGreaterThan(200);
    expect(pixels.band).toBeGreaterThan(200);

    // Live: the forming candle's close follows the prints.
    await page.waitForFunction((s) => document.querySelector<HTMLElement>(s)?.dataset.lastClose !== undefined, chart, { timeout: 20_000 });
    const close = (await page.getAttribute(chart, 'data-last-close'))!;
    await page.waitForFunction(([s, c]) => document.querySelector<HTMLElement>(s!)?.dataset.lastClose !== c, [chart, close] as const, { timeout: 20_000 });

    await page.waitForSelector('[data-testid="forecast"] .figures');
    expect(await text(page, '[data-testid="forecast"]')).toMatch(/90% quantile/i);
    await page.waitForSelector('[data-testid="accuracy"] .figures, [data-testid="accuracy"] [data-state="empty"]');
    await browser.screenshot(page, 'symbol');

    // 15m: finer than the forecast's 1h, so its path is drawn at 15m steps (4 per hour).
    await page.click('button[data-tf="15m"]');
    await page.waitForFunction((s) => document.querySelector<HTMLElement>(s)?.dataset.tf === '15m' && Number(document.querySelector<HTMLElement>(s)?.dataset.forecastPoints) > 4, chart, { timeout: 20_000 });
    expect(page.url()).toEndWith('#/symbol/BTCUSDT/15m');

    // Indicator panes: RSI and MACD add panes below the price.
    await page.check('input[data-overlay="macd"]');
    await page.waitForFunction((s) => document.querySelectorAll(`${s} table tr`).length >= 3, chart);
    await page.close();
  }, 90_000);

  test('an unknown symbol says so and offers the nearest ones', async () => {
    const page = await browser.open(`${server.url}#/symbol/BTCUSD`);
    await page.waitForSelector('[data-state="error"]');
    expect(await text(page, '[data-state="error"]')).toContain('Unknown symbol “BTCUSD”');
    await page.click('[data-state="error"] a:text("BTCUSDT")');
    await page.waitForSelector('[data-testid="price-chart"][data-candles]');
    await page.close();
  }, 30_000);
});

const orderForm = '[data-testid="order-form"]';
async function placeOrder(page: Page, o: { symbol: string; qty: string; type?: string; limit?: string; side?: 'buy' | 'sell' }): Promise<string> {
  if (o.side === 'sell') await page.click(`${orderForm} button.side-sell`);
  else await page.click(`${orderForm} button.side-buy`);
  await page.fill(`${orderForm} input[name="symbol"]`, o.symbol);
  await page.fill(`${orderForm} input[name="qty"]`, o.qty);
  await page.selectOption(`${orderForm} select[name="type"]`, o.type ?? 'market');
  if (o.limit !== undefined) await page.fill(`${orderForm} input[name="limit_price"]`, o.limit);
  const before = await page.locator('[data-testid="order-message"]').innerText();
  await page.click(`${orderForm} button[type="submit"]`);
  await changes(page, '[data-testid="order-message"]', before);
  return page.locator('[data-testid="order-message"]').innerText();
}

describe('account', () => {
  test('a wrong key is refused in words; the right one shows the account', async () => {
    const page = await browser.open(`${server.url}#/account`);
    await page.fill('input[name="key_id"]', account.key_id);
    await page.fill('input[name="secret"]', 'not-the-secret');
    await page.click('[data-testid="sign-in"] button[type="submit"]');
    await page.waitForSelector('[data-testid="sign-in-error"]:text("The key is wrong")');
    await page.fill('input[name="secret"]', account.secret);
    await page.click('[data-testid="sign-in"] button[type="submit"]');
    await page.waitForSelector(`[data-testid="account-id"]:text("${account.account_id}")`);
    expect(await text(page, '[data-testid="account-figures"]')).toContain('$1,000,000.00');
    await page.close();
  }, 30_000);

  test('an order placed in the form rests in the open orders; replaced to a marketable price it fills into positions; another is canceled', async () => {
    const page = await browser.open(`${server.url}#/account`);
    await page.fill('input[name="key_id"]', account.key_id);
    await page.fill('input[name="secret"]', account.secret);
    await page.click('[data-testid="sign-in"] button[type="submit"]');
    await page.waitForSelector('[data-testid="account-id"]');

    // Refused by the server: its words are shown as they are.
    expect(await placeOrder(page, { symbol: 'BTCUSDT', qty: '-1' })).toContain('qty');
    expect(await page.getAttribute('[data-testid="order-message"]', 'class')).toContain('error-text');

    // A limit far below the market rests.
    expect(await placeOrder(page, { symbol: 'BTCUSDT', qty: '0.5', type: 'limit', limit: '1000' })).toContain('Order accepted');
    const open = '[data-testid="open-orders"] tbody tr[data-key]';
    const openRow = (symbol: string) => page.locator(open).filter({ has: page.locator('td[data-col="symbol"]', { hasText: symbol }) }).first();
    await openRow('BTCUSDT').waitFor();
    const resting = (await openRow('BTCUSDT').getAttribute('data-key'))!;
    expect(await text(page, `${open}[data-key="${resting}"] td[data-col="price"]`)).toBe('limit 1,000.00');

    // Replaced with a limit above the market: marketable, it fills, and the position appears.
    await page.click(`${open}[data-key="${resting}"] button[data-action="replace"]`);
    await page.fill('[data-testid="replace-form"] input[name="limit_price"]', '1000000');
    await page.click('[data-testid="replace-form"] button[type="submit"]');
    await page.waitForSelector(`${open}[data-key="${resting}"]`, { state: 'detached', timeout: 20_000 });
    await page.waitForSelector('[data-testid="positions"] tr[data-key="BTCUSDT"] td[data-col="qty"]:text("0.5")', { timeout: 20_000 });
    await page.waitForSelector('[data-testid="trade-updates"] [data-event="fill"]');
    await page.waitForSelector(`[data-testid="past-orders"] tr[data-key="${resting}"] td[data-col="status"]:has-text("replaced")`, { timeout: 20_000 });
    expect(await text(page, '[data-testid="positions"] tr[data-key="BTCUSDT"] td[data-col="upl"]')).toMatch(/\$/);

    // Another resting order, canceled from its row.
    await placeOrder(page, { symbol: 'ETHUSDT', qty: '1', type: 'limit', limit: '10' });
    await openRow('ETHUSDT').waitFor();
    const id = (await openRow('ETHUSDT').getAttribute('data-key'))!;
    await page.click(`${open}[data-key="${id}"] button[data-action="cancel"]`);
    await page.waitForSelector(`[data-testid="past-orders"] tr[data-key="${id}"] td[data-col="status"]:has-text("canceled")`, { timeout: 20_000 });
    expect(await page.locator(`${open}[data-key="${id}"]`).count()).toBe(0);

    await page.waitForFunction(() => Number(document.querySelector<HTMLElement>('[data-testid="equity-chart"]')?.dataset.points) > 0, undefined, { timeout: 20_000 });
    await browser.screenshot(page, 'account');

    // Closing the position: a market order for all of it, and the row goes once it fills.
    await page.click('[data-testid="positions"] tr[data-key="BTCUSDT"] button:text("Close")');
    await page.waitForSelector('[data-testid="positions"] tr[data-key="BTCUSDT"]', { state: 'detached', timeout: 20_000 });
    await page.close();
  }, 90_000);
});

describe('system', () => {
  test('workers, feeds and data lag; with the admin key, the actor tree with mailboxes and restarts', async () => {
    const page = await browser.open(`${server.url}#/system`);
    await page.waitForSelector('[data-testid="health-status"]:text("ok")');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="workers"] tbody tr[data-key]').length === 2);
    await page.waitForSelector('[data-testid="feed-lag"] .figure');

    await page.fill('input[name="admin-key"]', 'not-the-admin-key');
    await page.click('[data-testid="admin-key"] button');
    await page.waitForSelector('[data-testid="actors"] .error-text:text("admin key is not right")');
    await page.fill('input[name="admin-key"]', ADMIN_KEY);
    await page.click('[data-testid="admin-key"] button');
    await page.waitForSelector('[data-testid="actors"] tr[data-key="symbol/BTCUSDT"]');
    await page.waitForSelector(`[data-testid="actors"] tr[data-key="account/${account.account_id}"]`);
    // 54 symbols, the feeds, the store, the summaries, the forecasters, the account.
    expect(await page.locator('[data-testid="actors"] tbody tr[data-key]').count()).toBeGreaterThan(60);
    expect(await text(page, '[data-testid="actors"] tr[data-key="symbol/BTCUSDT"] td[data-col="mailbox"]')).toMatch(/\d+ \/ 100,000/);
    // Rates come from two readings: live.
    await page.waitForFunction(() => /\d/.test(document.querySelector('[data-testid="workers"] td[data-col="rate"]')?.textContent ?? ''), undefined, { timeout: 10_000 });
    await browser.screenshot(page, 'system');
    await page.close();
  }, 60_000);
});

describe('strategies and backtests', () => {
  test("a backtest started from the API's example config shows its progress, then its report", async () => {
    const page = await browser.open(`${server.url}#/strategies`);
    await page.waitForFunction(() => (document.querySelector<HTMLTextAreaElement>('[data-testid="backtest-form"] textarea')?.value ?? '').includes('"strategies"'));
    await page.click('[data-testid="backtest-form"] button[type="submit"]');
    await page.waitForSelector('[data-testid="backtest-message"]:text("Queued as")');
    const id = (await text(page, '[data-testid="backtest-message"]')).replace(/^Queued as (.+)\.$/, '$1');
    await page.waitForSelector(`[data-testid="backtests"] tr[data-key="${id}"]`);
    await page.click(`[data-testid="backtests"] tr[data-key="${id}"] a[data-action="report"]`, { timeout: 60_000 });
    await page.waitForSelector('[data-testid="report-metrics"]');
    expect(await text(page, '[data-testid="report-metrics"]')).toMatch(/Sharpe[\s\S]*Max drawdown/);
    expect(Number(await page.getAttribute('[data-testid="report-equity"]', 'data-points'))).toBeGreaterThan(10);
    await browser.screenshot(page, 'backtest-report');
    await page.close();
  }, 90_000);

  test('a strategy started on the signed-in account runs with its book and signals, and stops', async () => {
    const page = await browser.open(`${server.url}#/account`);
    await page.fill('input[name="key_id"]', account.key_id);
    await page.fill('input[name="secret"]', account.secret);
    await page.click('[data-testid="sign-in"] button[type="submit"]');
    await page.waitForSelector('[data-testid="account-id"]');
    await page.goto(`${server.url}#/strategies`);
    // The example config, with this tab's account filled in.
    await page.waitForFunction((acc) => (document.querySelector<HTMLTextAreaElement>('[data-testid="strategy-form"] textarea')?.value ?? '').includes(acc), account.account_id);
    await page.click('[data-testid="strategy-form"] button[type="submit"]');
    await page.waitForSelector('[data-testid="strategy-message"]:text("Started")');
    const card = '[data-testid="strategies"] article[data-strategy]';
    await page.waitForSelector(`${card} .figures .figure`);
    expect(await text(page, card)).toMatch(/Latest signals/i);
    expect(await text(page, card)).toContain(account.account_id);
    await browser.screenshot(page, 'strategies');
    await page.click(`${card} button:text("Stop")`);
    await page.waitForSelector('[data-testid="strategies"] [data-state="empty"]');
    await page.close();
  }, 60_000);
});

describe('phone width', () => {
  test('every page fits a 390 px screen: nothing but tables scrolls sideways', async () => {
    for (const [name, hash, ready] of [
      ['markets', '#/markets', 'tr[data-key="BTCUSDT"]'],
      ['symbol', '#/symbol/ETHUSDT', '[data-testid="price-chart"][data-candles]'],
      ['account', '#/account', '[data-testid="sign-in"]'],
      ['system', '#/system', '[data-testid="workers"] tr[data-key]'],
      ['strategies', '#/strategies', '[data-testid="backtests"] table'],
    ] as const) {
      const page = await browser.open(`${server.url}${hash}`, PHONE);
      await page.waitForSelector(ready);
      await page.waitForTimeout(300);
      const { scroll, width } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, width: window.innerWidth }));
      expect({ name, scroll }).toEqual({ name, scroll: width });
      await browser.screenshot(page, `${name}-phone`);
      await page.close();
    }
  }, 60_000);
});

describe('with the venues out of reach', () => {
  test('the markets page says the feed is down instead of showing prices; the symbol page has no candles yet and says so', async () => {
    // Port 9 on loopback: nothing listens, every venue refuses at once, as with no network.
    const nowhere = 'http://127.0.0.1:9';
    const { child, url } = await startMain(['--live'], { BINANCE_WS_BASE: 'ws://127.0.0.1:9', BINANCE_REST_BASE: nowhere, YAHOO_BASE: nowhere, FRED_BASE: nowhere, RATE_LIMIT_PER_SEC: '0' });
    try {
      const page = await browser.open(url);
      await page.waitForSelector('[data-banner="error"]:has-text("feed")', { timeout: 30_000 });
      expect(await text(page, '[data-banner="error"]')).toMatch(/binance.*(backoff|closed)/);
      await page.waitForSelector('tbody .empty:has-text("the feed has not printed")');
      await browser.screenshot(page, 'markets-feed-down');
      await page.goto(`${url}#/symbol/BTCUSDT`);
      await page.waitForSelector('[data-state="empty"]:has-text("No 1h candles yet")');
      await page.waitForSelector('[data-testid="forecast"] [data-state="empty"]');
      await page.close();
    } finally {
      child.kill('SIGTERM');
      await child.exited;
    }
  }, 60_000);
});

test('no page raised an error or had anything refused by its Content-Security-Policy', () => {
  expect(browser.problems).toEqual([]);
});
