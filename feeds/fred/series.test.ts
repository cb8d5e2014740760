import { expect, test } from 'bun:test';
import { fixtureJson } from '../http/scripted-server.ts';
import { parseSeries } from './series.ts';

test("UNRATE's metadata: its name, units and frequency", () => {
  const r = parseSeries(fixtureJson('fred/series_UNRATE.json'));
  if (!r.ok) throw new Error(r.error);
  expect(r.series).toEqual({
    id: 'UNRATE',
    title: 'Unemployment Rate',
    frequency: 'Monthly',
    frequencyShort: 'M',
    units: 'Percent',
    unitsShort: '%',
    seasonalAdjustment: 'Seasonally Adjusted',
    lastUpdated: '2020-05-08 07:47:02-05',
    observationStart: '1948-01-01',
    observationEnd: '2020-04-01',
  });
});

test('a series response without a series, or with a wrong field, says where', () => {
  expect(parseSeries({ seriess: [] })).toEqual({ ok: false, error: 'seriess: Too small: expected array to have >=1 items' });
  const json = fixtureJson('fred/series_UNRATE.json') as any;
  json.seriess[0].units = 7;
  expect(parseSeries(json)).toEqual({ ok: false, error: 'seriess[0].units: Invalid input: expected string, received number' });
  expect(parseSeries({ error_code: 400, error_message: 'Bad Request.  The series does not exist.' })).toEqual({ ok: false, error: 'FRED error 400: Bad Request.  The series does not exist.' });
});
