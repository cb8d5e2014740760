/// <reference lib="dom" />
import {
  customSeriesDefaultOptions,
  type CustomData,
  type CustomSeriesOptions,
  type CustomSeriesWhitespaceData,
  type ICustomSeriesPaneRenderer,
  type ICustomSeriesPaneView,
  type PaneRendererCustomData,
  type PriceToCoordinateConverter,
  type Time,
} from 'lightweight-charts';

/** One point of a band: its lower and upper edge (the forecast's 10% and 90% quantiles, as prices). */
export interface BandData extends CustomData<Time> {
  low: number;
  high: number;
}

export interface BandOptions extends CustomSeriesOptions {
  fillColor: string;
  edgeColor: string;
}

/**
 * A filled band between two prices, drawn as one polygon: lightweight-charts has lines and
 * areas down to a baseline, but no area between two lines, so the forecast's 10–90% band is a
 * custom series of its own (the library's plugin interface).
 */
export class BandSeries implements ICustomSeriesPaneView<Time, BandData, BandOptions> {
  private data: PaneRendererCustomData<Time, BandData> | null = null;
  private options: BandOptions = this.defaultOptions();

  renderer(): ICustomSeriesPaneRenderer {
    return { draw: (target, toY) => this.draw(target, toY) };
  }

  update(data: PaneRendererCustomData<Time, BandData>, options: BandOptions): void {
    this.data = data;
    this.options = options;
  }

  priceValueBuilder(row: BandData): number[] {
    return [row.low, row.high, (row.low + row.high) / 2];
  }

  isWhitespace(row: BandData | CustomSeriesWhitespaceData<Time>): row is CustomSeriesWhitespaceData<Time> {
    return typeof (row as Partial<BandData>).low !== 'number' || typeof (row as Partial<BandData>).high !== 'number';
  }

  defaultOptions(): BandOptions {
    return { ...customSeriesDefaultOptions, fillColor: 'rgba(74, 163, 255, 0.18)', edgeColor: 'rgba(74, 163, 255, 0.6)' };
  }

  private draw(target: Parameters<ICustomSeriesPaneRenderer['draw']>[0], toY: PriceToCoordinateConverter): void {
    const bars = this.data?.bars ?? [];
    const points: { x: number; lo: number; hi: number }[] = [];
    for (const b of bars) {
      const lo = toY(b.originalData.low);
      const hi = toY(b.originalData.high);
      if (lo !== null && hi !== null) points.push({ x: b.x, lo, hi });
    }
    if (points.length < 2) return;
    target.useBitmapCoordinateSpace(({ context: ctx, horizontalPixelRatio: hr, verticalPixelRatio: vr }) => {
      ctx.beginPath();
      points.forEach((p, i) => (i === 0 ? ctx.moveTo(p.x * hr, p.hi * vr) : ctx.lineTo(p.x * hr, p.hi * vr)));
      for (let i = points.length - 1; i >= 0; i--) ctx.lineTo(points[i]!.x * hr, points[i]!.lo * vr);
      ctx.closePath();
      ctx.fillStyle = this.options.fillColor;
      ctx.fill();
      ctx.strokeStyle = this.options.edgeColor;
      ctx.lineWidth = Math.max(1, Math.round(hr));
      ctx.stroke();
    });
  }
}
