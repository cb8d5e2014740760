import { describe, expect, test } from 'bun:test';
import { parseExposition } from './parse.ts';
import { Registry } from './registry.ts';

describe('Registry', () => {
  test('renders HELP, TYPE and samples that parse back to what was recorded', async () => {
    const r = new Registry();
    const c = r.counter({ name: 'jobs_total', help: 'Jobs run.', labels: ['queue'] });
    const g = r.gauge({ name: 'temperature', help: 'Degrees.' });
    c.inc({ queue: 'a' });
    c.inc({ queue: 'a' }, 2);
    c.inc({ queue: 'b' }, 0.5);
    g.set({}, -3.25);
    const text = await r.expose();
    expect(text).toBe(
      ['# HELP jobs_total Jobs run.', '# TYPE jobs_total counter', 'jobs_total{queue="a"} 3', 'jobs_total{queue="b"} 0.5', '# HELP temperature Degrees.', '# TYPE temperature gauge', 'temperature -3.25', ''].join('\n'),
    );
    const parsed = parseExposition(text);
    expect(parsed.get('jobs_total')!.samples.map((s) => [s.labels, s.value])).toEqual([
      [{ queue: 'a' }, 3],
      [{ queue: 'b' }, 0.5],
    ]);
    expect(parsed.get('temperature')).toMatchObject({ type: 'gauge', help: 'Degrees.' });
  });

  test('label values and HELP text are escaped, and unescape to the original', () => {
    const r = new Registry();
    const nasty = 'back\\slash "quoted"\nnew line';
    r.gauge({ name: 'odd', help: 'Help with \\ and\na line feed, "quotes" kept.', labels: ['v'] }).set({ v: nasty }, 1);
    const text = r.render();
    expect(text).toContain('# HELP odd Help with \\\\ and\\na line feed, "quotes" kept.\n');
    expect(text).toContain('odd{v="back\\\\slash \\"quoted\\"\\nnew line"} 1\n');
    expect(text.split('\n')).toHaveLength(4); // HELP, TYPE, one sample, and the empty string after the last line feed: no raw line feed leaked
    const f = parseExposition(text).get('odd')!;
    expect(f.help).toBe('Help with \\ and\na line feed, "quotes" kept.');
    expect(f.samples[0]!.labels.v).toBe(nasty);
  });

  test('histogram buckets are cumulative and end at +Inf with the count', () => {
    const r = new Registry();
    const h = r.histogram({ name: 'latency_seconds', help: 'Latency.', labels: ['route'], buckets: [0.1, 0.5, 1] });
    for (const v of [0.05, 0.1, 0.3, 0.7, 2, 5]) h.observe({ route: '/a' }, v);
    h.observe({ route: '/b' }, 0.2);
    const f = parseExposition(r.render()).get('latency_seconds')!;
    const a = f.samples.filter((s) => s.labels.route === '/a');
    expect(a.map((s) => [s.name, s.labels.le, s.value])).toEqual([
      ['latency_seconds_bucket', '0.1', 2], // 0.1 is in the 0.1 bucket: le means <=
      ['latency_seconds_bucket', '0.5', 3],
      ['latency_seconds_bucket', '1', 4],
      ['latency_seconds_bucket', '+Inf', 6],
      ['latency_seconds_sum', undefined, 8.15],
      ['latency_seconds_count', undefined, 6],
    ]);
    expect(f.samples.filter((s) => s.labels.route === '/b').map((s) => s.value)).toEqual([0, 1, 1, 1, 0.2, 1]);
  });

  test('a family without labels shows 0 before anything is recorded; one with labels shows nothing', () => {
    const r = new Registry();
    r.counter({ name: 'a_total', help: 'A.' });
    r.counter({ name: 'b_total', help: 'B.', labels: ['x'] });
    r.histogram({ name: 'c', help: 'C.', buckets: [1] });
    const parsed = parseExposition(r.render());
    expect(parsed.get('a_total')!.samples.map((s) => s.value)).toEqual([0]);
    expect(parsed.get('b_total')!.samples).toEqual([]);
    expect(parsed.get('c')!.samples.map((s) => s.value)).toEqual([0, 0, 0, 0]);
  });

  test('special values are spelled as Prometheus reads them', () => {
    const r = new Registry();
    const g = r.gauge({ name: 'g', help: 'G.', labels: ['k'] });
    g.set({ k: 'inf' }, Infinity);
    g.set({ k: 'ninf' }, -Infinity);
    g.set({ k: 'nan' }, NaN);
    g.set({ k: 'small' }, 1e-7);
    expect(r.render()).toContain('g{k="inf"} +Inf\ng{k="ninf"} -Inf\ng{k="nan"} NaN\ng{k="small"} 1e-7\n');
    expect(parseExposition(r.render()).get('g')!.samples.map((s) => s.value)).toEqual([Infinity, -Infinity, NaN, 1e-7]);
  });

  test('hooks run before each exposition; reset families show only what the hook read', async () => {
    const r = new Registry();
    const lag = r.gauge({ name: 'lag', help: 'Lag.', labels: ['feed'] });
    let feeds: Record<string, number> = { a: 1, b: 2 };
    r.beforeCollect(async () => {
      await Bun.sleep(1);
      lag.reset();
      for (const [feed, v] of Object.entries(feeds)) lag.set({ feed }, v);
    });
    expect(await r.expose()).toContain('lag{feed="b"} 2');
    feeds = { a: 5 };
    const text = await r.expose();
    expect(text).toContain('lag{feed="a"} 5');
    expect(text).not.toContain('feed="b"');
  });

  test('misuse is refused at once', () => {
    const r = new Registry();
    const c = r.counter({ name: 'x_total', help: 'X.', labels: ['a'] });
    expect(() => c.inc({ a: '1' }, -1)).toThrow('x_total can only go up by a finite amount >= 0, got -1');
    expect(() => c.inc({ b: '1' } as never)).toThrow('x_total takes labels {a}, got {b}');
    expect(() => c.inc({ a: '1', b: '2' } as never)).toThrow('x_total takes labels {a}, got {a, b}');
    expect(() => r.gauge({ name: 'x_total', help: 'again' })).toThrow('metric x_total is already registered');
    expect(() => r.histogram({ name: 'h', help: 'H.', buckets: [1, 1] })).toThrow('buckets must be finite and strictly increasing');
    r.histogram({ name: 'h2', help: 'H.', buckets: [1] });
    expect(() => r.gauge({ name: 'h2_count', help: 'clash' })).toThrow('metric h2_count is already registered');
    expect(() => r.histogram({ name: 'h3', help: 'H.', labels: ['le'], buckets: [1] })).toThrow('invalid label name "le" for h3');
    expect(() => r.gauge({ name: 'bad-name', help: 'B.' })).toThrow('invalid metric name "bad-name"');
    expect(() => r.gauge({ name: 'ok', help: 'B.', labels: ['__reserved'] })).toThrow('invalid label name "__reserved" for ok');
  });
});

describe('parseExposition', () => {
  test.each([
    ['# TYPE a counter\na 1', 'must end with a line feed'],
    ['a 1\n', 'line 1: sample a is not of the family whose TYPE came last (none)'],
    ['# TYPE a counter\na{x="1} 1\n', 'unterminated value for label x'],
    ['# TYPE a counter\na{x="\\t"} 1\n', 'bad escape \\t in label x'],
    ['# TYPE a counter\na one\n', 'not a number: "one"'],
    ['# TYPE a counter\na 1\n# TYPE b gauge\nb 1\n# TYPE a counter\n', 'line 5: family a appears twice'],
    ['# TYPE h histogram\nh_bucket{le="1"} 2\nh_bucket{le="+Inf"} 1\nh_count 1\n', 'buckets not ascending and cumulative'],
    ['# TYPE h histogram\nh_bucket{le="1"} 1\nh_count 1\n', 'the +Inf bucket must exist and equal _count'],
  ])('refuses %j', (text, message) => {
    expect(() => parseExposition(text)).toThrow(message);
  });
});
