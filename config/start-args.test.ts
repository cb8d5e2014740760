import { describe, expect, test } from 'bun:test';
import { parseSpeed } from './speed.ts';
import { parseStartArgs } from './start-args.ts';

describe('parseSpeed', () => {
  test('takes 1x, Nx, N, fractions and max', () => {
    expect(parseSpeed('1x')).toBe(1);
    expect(parseSpeed('60x')).toBe(60);
    expect(parseSpeed('600')).toBe(600);
    expect(parseSpeed('0.5x')).toBe(0.5);
    expect(parseSpeed('MAX')).toBe(0);
    expect(parseSpeed('0')).toBe(0);
  });
  test('refuses anything else', () => {
    for (const bad of ['', 'fast', '-2x', 'x', '1e3', '2xx', 'Infinity']) expect(parseSpeed(bad)).toBeNull();
  });
});

describe('parseStartArgs', () => {
  test('flags in both spellings', () => {
    expect(parseStartArgs(['--live'])).toEqual({ ok: true, args: { help: false, live: true, edgeOnly: false, speed: undefined, replay: undefined } });
    expect(parseStartArgs(['--speed', '10x'])).toEqual({ ok: true, args: { help: false, live: false, edgeOnly: false, speed: 10, replay: undefined } });
    expect(parseStartArgs(['--speed=max', '-h'])).toEqual({ ok: true, args: { help: true, live: false, edgeOnly: false, speed: 0, replay: undefined } });
  });
  test('a precise message for what it cannot take', () => {
    expect(parseStartArgs(['--speed'])).toEqual({ ok: false, error: expect.stringContaining('--speed needs a value') });
    expect(parseStartArgs(['--speed', 'warp'])).toEqual({ ok: false, error: expect.stringContaining('got "warp"') });
    expect(parseStartArgs(['--turbo'])).toEqual({ ok: false, error: expect.stringContaining('unknown option "--turbo"') });
    expect(parseStartArgs(['--live=yes'])).toEqual({ ok: false, error: expect.stringContaining('unknown option "--live=yes"') });
    expect(parseStartArgs(['--edge-only', '--speed', '10x'])).toEqual({ ok: false, error: expect.stringContaining('--edge-only runs no market') });
  });
  test('--edge-only', () => {
    expect(parseStartArgs(['--edge-only'])).toEqual({ ok: true, args: { help: false, live: false, edgeOnly: true, speed: undefined, replay: undefined } });
  });
});

describe('--replay <from> <to>', () => {
  test('dates are UTC midnights; times need their zone', () => {
    const parsed = parseStartArgs(['--replay', '2021-04-10', '2021-04-12T06:30Z', '--speed', '100']);
    expect(parsed).toEqual({ ok: true, args: expect.objectContaining({ speed: 100, replay: { from: Date.UTC(2021, 3, 10), to: Date.UTC(2021, 3, 12, 6, 30) } }) });
    expect(parseStartArgs(['--replay', '2021-04-10T02:00+02:00', '2021-04-11'])).toEqual({ ok: true, args: expect.objectContaining({ replay: { from: Date.UTC(2021, 3, 10), to: Date.UTC(2021, 3, 11) } }) });
  });
  test('a precise message for a missing, unreadable or backwards range, and for markets that exclude each other', () => {
    expect(parseStartArgs(['--replay', '2021-04-10'])).toEqual({ ok: false, error: expect.stringContaining('--replay needs two times') });
    expect(parseStartArgs(['--replay', 'yesterday', '2021-04-10'])).toEqual({ ok: false, error: expect.stringContaining('got "yesterday"') });
    expect(parseStartArgs(['--replay', '2021-04-10T12:00', '2021-04-11'])).toEqual({ ok: false, error: expect.stringContaining('got "2021-04-10T12:00"') });
    expect(parseStartArgs(['--replay', '2021-04-12', '2021-04-10'])).toEqual({ ok: false, error: expect.stringContaining('must be after') });
    expect(parseStartArgs(['--replay', '2021-04-10', '2021-04-12', '--live'])).toEqual({ ok: false, error: expect.stringContaining('choose one') });
    expect(parseStartArgs(['--edge-only', '--replay', '2021-04-10', '2021-04-12'])).toEqual({ ok: false, error: expect.stringContaining('--edge-only runs no market') });
  });
});
