import { escapeHelp, formatLabels, formatValue, LABEL_NAME, METRIC_NAME } from './exposition.ts';

/** One value per declared label name, no more, no fewer: a typo is a bug, not a new series. */
export type Labels<L extends string> = { readonly [K in L]: string };

interface MetricOptions<L extends string> {
  name: string;
  help: string;
  labels?: readonly L[];
}

/** The series of one metric family, keyed by their label values. */
abstract class Family<L extends string, S> {
  abstract readonly type: 'counter' | 'gauge' | 'histogram';
  protected readonly series = new Map<string, { values: string[]; state: S }>();
  readonly labelNames: readonly L[];

  constructor(
    readonly name: string,
    readonly help: string,
    labelNames: readonly L[],
    reserved: readonly string[] = [],
  ) {
    if (!METRIC_NAME.test(name)) throw new Error(`invalid metric name ${JSON.stringify(name)}`);
    for (const l of labelNames) {
      if (!LABEL_NAME.test(l) || l.startsWith('__') || reserved.includes(l)) throw new Error(`invalid label name ${JSON.stringify(l)} for ${name}`);
    }
    if (new Set(labelNames).size !== labelNames.length) throw new Error(`duplicate label names for ${name}`);
    this.labelNames = labelNames;
  }

  /** Set by `reset()`: a family read afresh at each scrape shows nothing rather than a made-up zero. */
  private readAfresh = false;

  /** Forgets every series: for values read afresh at each scrape, so a vanished one does not linger. */
  reset(): void {
    this.series.clear();
    this.readAfresh = true;
  }

  protected stateFor(labels: Labels<L>, init: () => S): S {
    // The key is built without allocating an array: this runs for every request and message.
    let key = '';
    for (const n of this.labelNames) key += `${labels[n]}\u0000`;
    const s = this.series.get(key);
    if (s) return s.state;
    const given = Object.keys(labels);
    if (given.length !== this.labelNames.length || this.labelNames.some((n) => typeof labels[n] !== 'string')) {
      throw new Error(`${this.name} takes labels {${this.labelNames.join(', ')}}, got {${given.join(', ')}}`);
    }
    const created = { values: this.labelNames.map((n) => labels[n]), state: init() };
    this.series.set(key, created);
    return created.state;
  }

  /** The sample lines; a family without labels shows its zero value until something is recorded. */
  samples(): string[] {
    if (this.series.size === 0 && this.labelNames.length === 0 && !this.readAfresh) this.stateFor({} as Labels<L>, () => this.zero());
    const lines: string[] = [];
    for (const { values, state } of this.series.values()) this.render(values, state, lines);
    return lines;
  }

  protected abstract zero(): S;
  protected abstract render(values: string[], state: S, out: string[]): void;

  /** Reserved so the names this family writes (`x_bucket`, ...) cannot collide with another family's. */
  names(): string[] {
    return [this.name];
  }
}

export class Counter<L extends string = never> extends Family<L, { v: number }> {
  readonly type = 'counter';
  inc(labels: Labels<L> = {} as Labels<L>, by = 1): void {
    if (!(by >= 0) || !Number.isFinite(by)) throw new Error(`${this.name} can only go up by a finite amount >= 0, got ${by}`);
    this.stateFor(labels, () => this.zero()).v += by;
  }
  protected zero() {
    return { v: 0 };
  }
  protected render(values: string[], s: { v: number }, out: string[]) {
    out.push(`${this.name}${formatLabels(this.labelNames, values)} ${formatValue(s.v)}`);
  }
}

export class Gauge<L extends string = never> extends Family<L, { v: number }> {
  readonly type = 'gauge';
  set(labels: Labels<L>, value: number): void {
    this.stateFor(labels, () => this.zero()).v = value;
  }
  inc(labels: Labels<L> = {} as Labels<L>, by = 1): void {
    this.stateFor(labels, () => this.zero()).v += by;
  }
  dec(labels: Labels<L> = {} as Labels<L>, by = 1): void {
    this.inc(labels, -by);
  }
  protected zero() {
    return { v: 0 };
  }
  protected render(values: string[], s: { v: number }, out: string[]) {
    out.push(`${this.name}${formatLabels(this.labelNames, values)} ${formatValue(s.v)}`);
  }
}

interface HistogramState {
  /** Per bucket, not cumulative: the cumulative view is built when rendered. */
  counts: number[];
  sum: number;
  count: number;
}

export class Histogram<L extends string = never> extends Family<L, HistogramState> {
  readonly type = 'histogram';
  readonly buckets: readonly number[];

  constructor(name: string, help: string, labelNames: readonly L[], buckets: readonly number[]) {
    super(name, help, labelNames, ['le']);
    const sorted = buckets.every((b, i) => Number.isFinite(b) && (i === 0 || b > buckets[i - 1]!));
    if (buckets.length === 0 || !sorted) throw new Error(`${name}: buckets must be finite and strictly increasing, got [${buckets.join(', ')}]`);
    this.buckets = [...buckets];
  }

  observe(labels: Labels<L>, value: number): void {
    const s = this.stateFor(labels, () => this.zero());
    // A bucket is an upper bound, inclusive: value <= le.
    const i = this.buckets.findIndex((b) => value <= b);
    if (i >= 0) s.counts[i]!++;
    s.sum += value;
    s.count++;
  }

  protected zero(): HistogramState {
    return { counts: this.buckets.map(() => 0), sum: 0, count: 0 };
  }

  protected render(values: string[], s: HistogramState, out: string[]) {
    const names = [...this.labelNames, 'le'];
    let cumulative = 0;
    this.buckets.forEach((le, i) => {
      cumulative += s.counts[i]!;
      out.push(`${this.name}_bucket${formatLabels(names, [...values, formatValue(le)])} ${cumulative}`);
    });
    out.push(`${this.name}_bucket${formatLabels(names, [...values, '+Inf'])} ${s.count}`);
    const labels = formatLabels(this.labelNames, values);
    out.push(`${this.name}_sum${labels} ${formatValue(s.sum)}`, `${this.name}_count${labels} ${s.count}`);
  }

  override names(): string[] {
    return ['', '_bucket', '_sum', '_count'].map((suffix) => this.name + suffix);
  }
}

type AnyFamily = Counter<string> | Gauge<string> | Histogram<string>;

/**
 * The metric families of one process, and the text Prometheus scrapes. Families are registered
 * once; hooks run before each exposition to read values that live elsewhere (the engine, the
 * WebSocket hub), so those are as fresh as the scrape.
 */
export class Registry {
  private readonly families: AnyFamily[] = [];
  private readonly taken = new Set<string>();
  private readonly hooks: (() => void | Promise<void>)[] = [];

  counter<L extends string = never>(o: MetricOptions<L>): Counter<L> {
    return this.add(new Counter<L>(o.name, o.help, o.labels ?? []));
  }

  gauge<L extends string = never>(o: MetricOptions<L>): Gauge<L> {
    return this.add(new Gauge<L>(o.name, o.help, o.labels ?? []));
  }

  histogram<L extends string = never>(o: MetricOptions<L> & { buckets: readonly number[] }): Histogram<L> {
    return this.add(new Histogram<L>(o.name, o.help, o.labels ?? [], o.buckets));
  }

  /** Runs before every `expose()`; hooks run concurrently, and one that rejects fails the scrape. */
  beforeCollect(hook: () => void | Promise<void>): void {
    this.hooks.push(hook);
  }

  /** Runs the hooks, then renders every family. */
  async expose(): Promise<string> {
    await Promise.all(this.hooks.map((h) => h()));
    return this.render();
  }

  /** Every family as exposition text, as things stand (no hooks). */
  render(): string {
    const lines: string[] = [];
    for (const f of this.families) {
      lines.push(`# HELP ${f.name} ${escapeHelp(f.help)}`, `# TYPE ${f.name} ${f.type}`, ...f.samples());
    }
    return lines.length === 0 ? '' : lines.join('\n') + '\n';
  }

  private add<F extends AnyFamily>(family: F): F {
    const clash = family.names().find((n) => this.taken.has(n));
    if (clash) throw new Error(`metric ${clash} is already registered`);
    for (const n of family.names()) this.taken.add(n);
    this.families.push(family);
    return family;
  }
}
