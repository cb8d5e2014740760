/// <reference lib="dom" />
import type { ChartOptions, DeepPartial, UTCTimestamp } from 'lightweight-charts';
import { h } from './dom.ts';

/** What the dashboard's charts share: colours, the dark layout, times, and the library's credit. */
export const COLORS = { up: '#26a69a', down: '#ef5350', sma: '#f0b429', ema: '#c678dd', bb: '#5c8dd6', forecast: '#4aa3ff', band: 'rgba(74, 163, 255, 0.18)', text: '#8695a8', grid: '#1c2531', bg: '#121821' };

/** The notice lightweight-charts' licence (its NOTICE file) asks for, with the link to TradingView. */
export const chartCredit = () =>
  h('p', { class: 'note credit' }, 'Charts: TradingView Lightweight Charts™, Copyright (c) TradingView, Inc. ', h('a', { href: 'https://www.tradingview.com/', rel: 'noopener', target: '_blank' }, 'tradingview.com'));

/** Epoch ms as the chart's time (UTC seconds). */
export const toTime = (ms: number) => (ms / 1000) as UTCTimestamp;

/**
 * The library's own attribution logo injects a <style> element, which the page's policy refuses
 * (no inline styles); the attribution its licence asks for is `chartCredit()` under each chart.
 */
export const chartOptions = (intraday: boolean): DeepPartial<ChartOptions> => ({
  autoSize: true,
  layout: { background: { color: COLORS.bg }, textColor: COLORS.text, fontFamily: 'system-ui, sans-serif', panes: { separatorColor: '#243040' }, attributionLogo: false },
  grid: { vertLines: { color: COLORS.grid }, horzLines: { color: COLORS.grid } },
  rightPriceScale: { borderColor: '#243040' },
  timeScale: { borderColor: '#243040', timeVisible: intraday, secondsVisible: false, rightOffset: 4 },
  crosshair: { mode: 0 },
});

