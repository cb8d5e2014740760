import { LABEL_NAME, METRIC_NAME } from './exposition.ts';

/**
 * A strict reader of the text format 0.0.4, for tests and smoke checks: it throws, naming the
 * line, on anything Prometheus would refuse or that breaks the format's rules (a sample before
 * its TYPE, a family split in two, histogram buckets that are not cumulative).
 */
export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

export interface ParsedFamily {
  name: string;
  help?: string;
  type: string;
  samples: Sample[];
}

const TYPES = new Set(['counter', 'gauge', 'histogram', 'summary', 'untyped']);
const SUFFIXES: Record<string, string[]> = { histogram: ['_bucket', '_sum', '_count'], summary: ['_sum', '_count'] };

export function parseValue(text: string): number {
  if (text === '+Inf') return Infinity;
  if (text === '-Inf') return -Infinity;
  if (text === 'NaN') return NaN;
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text)) throw new Error(`not a number: ${JSON.stringify(text)}`);
  return Number(text);
}

/** `a="x",b="y\"z"` → { a: 'x', b: 'y"z' }, undoing the three escapes the format has. */
function parseLabels(text: string): Record<string, string> {
  const labels: Record<string, string> = {};
  let i = 0;
  while (i < text.length) {
    const eq = text.indexOf('=', i);
    const name = text.slice(i, eq);
    if (eq < 0 || !LABEL_NAME.test(name) || text[eq + 1] !== '"') throw new Error(`bad label at ${JSON.stringify(text.slice(i))}`);
    if (name in labels) throw new Error(`label ${name} given twice`);
    let value = '';
    for (i = eq + 2; text[i] !== '"'; i++) {
      if (i >= text.length) throw new Error(`unterminated value for label ${name}`);
      if (text[i] !== '\\') value += text[i];
      else {
        const esc = text[++i];
        if (esc === 'n') value += '\n';
        else if (esc === '\\' || esc === '"') value += esc;
        else throw new Error(`bad escape \\${esc} in label ${name}`);
      }
    }
    labels[name] = value;
    i++;
    if (i < text.length && text[i++] !== ',') throw new Error(`expected , after label ${name}`);
  }
  return labels;
}

function parseSample(line: string): Sample {
  const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)(?: (-?\d+))?$/.exec(line);
  if (!m) throw new Error('not a sample line');
  return { name: m[1]!, labels: m[2] ? parseLabels(m[2]) : {}, value: parseValue(m[3]!) };
}

const unescapeHelp = (t: string) => t.replace(/\\(\\|n)/g, (_, c: string) => (c === 'n' ? '\n' : '\\'));

export function parseExposition(text: string): Map<string, ParsedFamily> {
  if (text !== '' && !text.endsWith('\n')) throw new Error('the exposition must end with a line feed');
  const families = new Map<string, ParsedFamily>();
  const closed = new Set<string>();
  let current: ParsedFamily | undefined;
  const familyOf = (name: string) => {
    if (current && (name === current.name || (SUFFIXES[current.type] ?? []).some((s) => name === current!.name + s))) return current;
    throw new Error(`sample ${name} is not of the family whose TYPE came last (${current?.name ?? 'none'})`);
  };
  text.split('\n').slice(0, -1).forEach((line, n) => {
    try {
      const meta = /^# (HELP|TYPE) (\S+) ?(.*)$/.exec(line);
      if (meta) {
        const [, kind, name, rest] = meta as unknown as [string, 'HELP' | 'TYPE', string, string];
        if (!METRIC_NAME.test(name)) throw new Error(`bad metric name ${name}`);
        if (current && current.name !== name) closed.add(current.name);
        if (closed.has(name)) throw new Error(`family ${name} appears twice`);
        const f = families.get(name) ?? { name, type: 'untyped', samples: [] };
        families.set(name, (current = f));
        if (kind === 'HELP') {
          if (f.help !== undefined) throw new Error(`second HELP for ${name}`);
          f.help = unescapeHelp(rest);
        } else {
          if (!TYPES.has(rest) || f.samples.length > 0 || f.type !== 'untyped') throw new Error(`bad or late TYPE for ${name}: ${rest}`);
          f.type = rest;
        }
      } else if (line.startsWith('#') || line.trim() === '') {
        return; // comments and blank lines are allowed
      } else {
        const s = parseSample(line);
        familyOf(s.name).samples.push(s);
      }
    } catch (e) {
      throw new Error(`line ${n + 1}: ${(e as Error).message}: ${JSON.stringify(line)}`);
    }
  });
  for (const f of families.values()) if (f.type === 'histogram') checkHistogram(f);
  return families;
}

/** Per label set: `le` ascending ending at +Inf, counts never falling, +Inf equal to _count. */
function checkHistogram(f: ParsedFamily): void {
  const key = (l: Record<string, string>) => JSON.stringify(Object.entries(l).filter(([k]) => k !== 'le').sort());
  const series = new Map<string, { le: number; count: number }[]>();
  const counts = new Map<string, number>();
  for (const s of f.samples) {
    if (s.name.endsWith('_bucket')) {
      if (s.labels.le === undefined) throw new Error(`${f.name}: a bucket without le`);
      const list = series.get(key(s.labels)) ?? [];
      list.push({ le: parseValue(s.labels.le), count: s.value });
      series.set(key(s.labels), list);
    } else if (s.name.endsWith('_count')) counts.set(key(s.labels), s.value);
  }
  for (const [labels, buckets] of series) {
    buckets.forEach((b, i) => {
      const prev = buckets[i - 1];
      if (prev && (b.le <= prev.le || b.count < prev.count)) throw new Error(`${f.name}${labels}: buckets not ascending and cumulative at le=${b.le}`);
    });
    const last = buckets.at(-1)!;
    if (last.le !== Infinity || last.count !== counts.get(labels)) throw new Error(`${f.name}${labels}: the +Inf bucket must exist and equal _count`);
  }
}
