import { expect, test } from 'bun:test';
import { fixtureJson } from '../http/scripted-server.ts';
import { dateToUtcMs, parseObservations, type ParsedObservations } from './observations.ts';

const parsed = (name: string): ParsedObservations => {
  const r = parseObservations(fixtureJson(`fred/${name}`));
  if (!r.ok) throw new Error(r.error);
  return r.observations;
};
const errorOf = (json: unknown): string => {
  const r = parseObservations(json);
  if (r.ok) throw new Error('expected a parse error');
  return r.error;
};
/** The GNPCA fixture (ten yearly observations), changed by `edit`. */
const gnpca = (edit: (json: any) => void): unknown => {
  const json = fixtureJson('fred/series_observations_GNPCA_limit10.json') as any;
  edit(json);
  return json;
};

test('UNRATE since 1990: 364 monthly values as flat bars at UTC midnight', () => {
  const o = parsed('series_observations_UNRATE_1990-01-01.json');
  expect(o.bars).toHaveLength(364);
  expect(o.missing).toBe(0);
  expect(o.bars[0]).toEqual({ openTime: Date.UTC(1990, 0, 1), open: 5.4, high: 5.4, low: 5.4, close: 5.4, volume: 0 });
  expect(o.bars.at(-1)).toEqual({ openTime: Date.UTC(2020, 3, 1), open: 14.7, high: 14.7, low: 14.7, close: 14.7, volume: 0 });
  expect(o).toMatchObject({ count: 364, offset: 0, returned: 364 });
});

test('OILPRICE: the trailing "." is skipped and counted, not an error', () => {
  const o = parsed('series_observations_OILPRICE_with_missing_dot.json');
  expect(o.bars).toHaveLength(270);
  expect(o.missing).toBe(1);
  expect(o.bars[0]!.close).toBe(1.17);
  expect(o.bars.at(-1)).toMatchObject({ openTime: Date.UTC(2013, 3, 1), close: 94.223 });
});

test('GNPCA with limit=10: ten of 91, so more pages follow', () => {
  const o = parsed('series_observations_GNPCA_limit10.json');
  expect(o.bars.map((b) => b.close)).toEqual([1120.076, 1025.091, 958.378, 834.291, 823.156, 911.019, 992.537, 1118.944, 1177.572, 1138.989]);
  expect(o.bars[9]!.openTime).toBe(Date.UTC(1938, 0, 1));
  expect(o).toMatchObject({ count: 91, offset: 0, returned: 10 });
});

test('a range with no observations is a valid empty result', () => {
  expect(parsed('series_observations_empty.json')).toEqual({ bars: [], missing: 0, count: 0, offset: 0, returned: 0 });
});

test('wrong types and missing fields are reported with their path', () => {
  expect(errorOf(gnpca((j) => (j.observations[3].value = 834.291)))).toBe('observations[3].value: Invalid input: expected string, received number');
  expect(errorOf(gnpca((j) => delete j.observations[0].date))).toBe('observations[0].date: Invalid input: expected string, received undefined');
  expect(errorOf(gnpca((j) => (j.count = '91')))).toBe('count: Invalid input: expected number, received string');
  expect(errorOf(gnpca((j) => (j.observations = null)))).toBe('observations: Invalid input: expected array, received null');
  expect(errorOf([])).toMatch(/^\(root\): /);
});

test('values that are not numbers, dates that are not dates, dates out of order', () => {
  expect(errorOf(gnpca((j) => (j.observations[2].value = 'NaN')))).toBe('observations[2].value: "NaN" is neither a number nor "."');
  expect(errorOf(gnpca((j) => (j.observations[2].value = '')))).toBe('observations[2].value: "" is neither a number nor "."');
  expect(errorOf(gnpca((j) => (j.observations[4].date = '1933-02-30')))).toBe('observations[4].date: "1933-02-30" is not a YYYY-MM-DD calendar date');
  expect(errorOf(gnpca((j) => (j.observations[4].date = '1/1/1933')))).toBe('observations[4].date: "1/1/1933" is not a YYYY-MM-DD calendar date');
  expect(errorOf(gnpca((j) => (j.observations[5].date = '1930-01-01')))).toBe('observations[5].date: 1930-01-01 is not after the previous 1933-01-01');
});

test("FRED's own refusal is passed on", () => {
  const refusal = { error_code: 400, error_message: 'Bad Request.  The value for variable api_key is not registered.' };
  expect(errorOf(refusal)).toBe('FRED error 400: Bad Request.  The value for variable api_key is not registered.');
});

test('dates become the UTC midnight that starts them', () => {
  expect(dateToUtcMs('2020-04-01')).toBe(Date.UTC(2020, 3, 1));
  expect(dateToUtcMs('1946-01-01')).toBe(Date.UTC(1946, 0, 1));
  expect(dateToUtcMs('2024-02-29')).toBe(Date.UTC(2024, 1, 29));
  expect(dateToUtcMs('2023-02-29')).toBeNull();
});
