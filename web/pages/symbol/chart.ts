/// <reference lib="dom" />
import {
  CandlestickSeries,
  createChart,
  HistogramSeries,
  LineSeries,
  LineStyle,
  type CandlestickData,
  type IChartApi,
  type ISeriesApi,
  type LineData,
  type Time,
  type WhitespaceData,
} from 'lightweight-charts';
import type { Candle } from '../../../market/candles/candle.ts';
import type { IndicatorRow } from '../../../market/indicators/index.ts';
import { chartOptions, COLORS, toTime } from '../../lib/charts.ts';
import { BandSeries, type BandData } from './band-series.ts';
import type { PathPoint } from './path.ts';

/** What is drawn beside the candles: overlays on the price pane, indicator panes below it. */
export interface Overlays {
  sma: boolean;
  ema: boolean;
  bb: boolean;
  rsi: boolean;
  macd: boolean;
}

export type Bar = Pick<Candle, 'openTime' | 'open' | 'high' | 'low' | 'close' | 'volume'>;

type Line = ISeriesApi<'Line'>;

/**
 * The symbol's chart: candles and volume, the chosen overlays and indicator panes from the
 * server's indicator rows (TA-Lib-exact, computed by the symbol actor: nothing is recomputed
 * here), and the forecast's path with its band. Live updates move the forming candle in place.
 */
export class PriceChart {
  private readonly chart: IChartApi;
  private readonly candles: ISeriesApi<'Candlestick'>;
  private readonly volume: ISeriesApi<'Histogram'>;
  private readonly lines = new Map<keyof IndicatorRow, Line>();
  private macdHist: ISeriesApi<'Histogram'> | null = null;
  private readonly band: ISeriesApi<'Custom', Time, BandData | WhitespaceData<Time>>;
  private readonly median: Line;
  private count = 0;

  constructor(
    private readonly el: HTMLElement,
    overlays: Overlays,
    intraday: boolean,
  ) {
    this.chart = createChart(el, chartOptions(intraday));
    this.band = this.chart.addCustomSeries(new BandSeries(), { priceLineVisible: false, lastValueVisible: false });
    this.candles = this.chart.addSeries(CandlestickSeries, { upColor: COLORS.up, downColor: COLORS.down, borderVisible: false, wickUpColor: COLORS.up, wickDownColor: COLORS.down });
    this.volume = this.chart.addSeries(HistogramSeries, { priceScaleId: 'volume', priceFormat: { type: 'volume' }, lastValueVisible: false, priceLineVisible: false });
    this.chart.priceScale('volume').applyOptions({ scaleMargins: { top: 0.82, bottom: 0 } });
    this.median = this.chart.addSeries(LineSeries, { color: COLORS.forecast, lineWidth: 2, lineStyle: LineStyle.Dashed, priceLineVisible: false, lastValueVisible: true, title: 'forecast' });
    const line = (key: keyof IndicatorRow, color: string, pane = 0, style: LineStyle = LineStyle.Solid) =>
      this.lines.set(key, this.chart.addSeries(LineSeries, { color, lineWidth: 1, lineStyle: style, priceLineVisible: false, lastValueVisible: false, crosshairMarkerVisible: false }, pane));
    if (overlays.sma) line('sma_20', COLORS.sma);
    if (overlays.ema) line('ema_20', COLORS.ema);
    if (overlays.bb) {
      line('bb_upper', COLORS.bb, 0, LineStyle.Dotted);
      line('bb_middle', COLORS.bb);
      line('bb_lower', COLORS.bb, 0, LineStyle.Dotted);
    }
    let pane = 1;
    if (overlays.rsi) {
      line('rsi_14', COLORS.ema, pane);
      const rsi = this.lines.get('rsi_14')!;
      rsi.applyOptions({ lastValueVisible: true, title: 'RSI 14' });
      for (const level of [30, 70]) rsi.createPriceLine({ price: level, color: '#4b5b70', lineStyle: LineStyle.Dashed, lineWidth: 1, axisLabelVisible: true, title: '' });
      pane++;
    }
    if (overlays.macd) {
      this.macdHist = this.chart.addSeries(HistogramSeries, { priceLineVisible: false, lastValueVisible: false }, pane);
      line('macd', COLORS.forecast, pane);
      line('macd_signal', COLORS.sma, pane);
      this.lines.get('macd')!.applyOptions({ lastValueVisible: true, title: 'MACD' });
    }
    const panes = this.chart.panes();
    panes[0]?.setStretchFactor(3);
  }

  /** Everything at once: history, then what the live stream adds. */
  setData(bars: readonly Bar[], rows: ReadonlyMap<number, IndicatorRow>): void {
    this.candles.setData(bars.map(candleOf));
    this.volume.setData(bars.map(volumeOf));
    for (const [key, series] of this.lines) series.setData(bars.map((b) => lineOf(b.openTime, rows.get(b.openTime)?.[key])));
    this.macdHist?.setData(bars.map((b) => histOf(b.openTime, rows.get(b.openTime)?.macd_hist)));
    this.count = bars.length;
    this.el.dataset.candles = String(this.count);
    this.chart.timeScale().scrollToRealTime();
  }

  /** A forming or closed candle from the live stream; a candle older than the last one drawn is ignored. */
  updateCandle(bar: Bar): void {
    try {
      this.candles.update(candleOf(bar));
      this.volume.update(volumeOf(bar));
    } catch {
      return; // out of order: the next snapshot or reload has it
    }
    const last = this.candles.data().length;
    if (last !== this.count) this.el.dataset.candles = String((this.count = last));
    this.el.dataset.lastClose = String(bar.close);
  }

  updateIndicators(openTime: number, row: IndicatorRow): void {
    try {
      for (const [key, series] of this.lines) series.update(lineOf(openTime, row[key]));
      this.macdHist?.update(histOf(openTime, row.macd_hist));
    } catch {
      // older than what is drawn
    }
  }

  /** The forecast's path and band, or none. */
  setForecast(path: readonly PathPoint[] | null): void {
    const points = path ?? [];
    this.band.setData(points.map((p) => ({ time: toTime(p.time), low: p.low, high: p.high })));
    this.median.setData(points.map((p) => ({ time: toTime(p.time), value: p.price })));
    this.el.dataset.forecastPoints = String(points.length);
  }

  destroy(): void {
    this.chart.remove();
  }
}

const candleOf = (b: Bar): CandlestickData<Time> => ({ time: toTime(b.openTime), open: b.open, high: b.high, low: b.low, close: b.close });
const volumeOf = (b: Bar) => ({ time: toTime(b.openTime), value: b.volume, color: b.close >= b.open ? 'rgba(38, 166, 154, 0.45)' : 'rgba(239, 83, 80, 0.45)' });
const lineOf = (ms: number, v: number | null | undefined): LineData<Time> | WhitespaceData<Time> => (typeof v === 'number' && Number.isFinite(v) ? { time: toTime(ms), value: v } : { time: toTime(ms) });
const histOf = (ms: number, v: number | null | undefined) => (typeof v === 'number' && Number.isFinite(v) ? { time: toTime(ms), value: v, color: v >= 0 ? 'rgba(38, 166, 154, 0.6)' : 'rgba(239, 83, 80, 0.6)' } : { time: toTime(ms) });
