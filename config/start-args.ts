import { parseSpeed, SPEED_FORMS } from './speed.ts';

/** What `npm start -- <flags>` may say; each overrides its environment variable. */
export interface StartArgs {
  help: boolean;
  live: boolean;
  /** Only the edge: the engine runs in another process, reached through REDIS_URL. */
  edgeOnly: boolean;
  speed: number | undefined;
  /** A simulation of [from, to) (epoch ms) on simulated time, instead of the looping demo. */
  replay: { from: number; to: number } | undefined;
}

export const START_HELP = `Usage: npm start -- [--live | --replay <from> <to>] [--speed <speed>] [--edge-only]

Runs Tickflow: the engine, its market and the HTTP edge. By default the bundled market data is
replayed as a live market, looping.

Options:
  --live            Binance's live streams instead of the replay (FEED=live)
  --replay <from> <to>
                    the market simulator: the bundled history from <from> to <to> (UTC dates,
                    2021-04-10, or times, 2021-04-10T12:00Z) played once on simulated time, with
                    the whole API, the streams and /v2/clock at the simulated time
  --speed <speed>   replay speed: ${SPEED_FORMS}; default 60x, a 1m bar a second (REPLAY_SPEED)
  --edge-only       only the HTTP and WebSocket edge, for an engine running elsewhere: its
                    topics, answers and cache come through Redis (REDIS_URL required; candle
                    history is read from TICKFLOW_DB, so share the file or a volume)
  -h, --help        this text

Every setting can also come from the environment; see the README's configuration table.`;

/** Parses the start flags; a message says what is wrong, so the process can exit with it. */
export function parseStartArgs(argv: readonly string[]): { ok: true; args: StartArgs } | { ok: false; error: string } {
  const args: StartArgs = { help: false, live: false, edgeOnly: false, speed: undefined, replay: undefined };
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i]!;
    const [flag, inline] = token.includes('=') ? [token.slice(0, token.indexOf('=')), token.slice(token.indexOf('=') + 1)] : [token, undefined];
    if (flag === '-h' || flag === '--help') args.help = true;
    else if (flag === '--live' && inline === undefined) args.live = true;
    else if (flag === '--edge-only' && inline === undefined) args.edgeOnly = true;
    else if (flag === '--speed') {
      const text = inline ?? argv[++i];
      if (text === undefined) return { ok: false, error: '--speed needs a value: ' + SPEED_FORMS };
      const speed = parseSpeed(text);
      if (speed === null) return { ok: false, error: `--speed must be ${SPEED_FORMS}; got ${JSON.stringify(text)}` };
      args.speed = speed;
    } else if (flag === '--replay' && inline === undefined) {
      const range = parseRange(argv[i + 1], argv[i + 2]);
      if (!range.ok) return range;
      args.replay = range.range;
      i += 2;
    } else return { ok: false, error: `unknown option ${JSON.stringify(token)}; npm start takes --live, --replay <from> <to>, --speed <speed>, --edge-only, --help` };
  }
  if (args.edgeOnly && (args.live || args.speed !== undefined || args.replay)) return { ok: false, error: '--edge-only runs no market: --live, --replay and --speed belong to the engine process' };
  if (args.live && args.replay) return { ok: false, error: '--live and --replay are two different markets: choose one' };
  return { ok: true, args };
}

/** A UTC date (2021-04-10) or an ISO time with a zone (2021-04-10T12:00Z); epoch ms or null. */
function parseInstant(text: string): number | null {
  const date = /^\d{4}-\d{2}-\d{2}$/.test(text) ? `${text}T00:00:00Z` : /^\d{4}-\d{2}-\d{2}T[\d:.]+(Z|[+-]\d{2}:\d{2})$/.test(text) ? text : null;
  const ms = date === null ? Number.NaN : Date.parse(date);
  return Number.isFinite(ms) ? ms : null;
}

function parseRange(fromText: string | undefined, toText: string | undefined): { ok: true; range: { from: number; to: number } } | { ok: false; error: string } {
  if (fromText === undefined || toText === undefined) return { ok: false, error: '--replay needs two times, <from> and <to>: 2021-04-10 2021-04-12, or 2021-04-10T12:00Z ...' };
  const from = parseInstant(fromText);
  const to = parseInstant(toText);
  for (const [text, ms] of [[fromText, from], [toText, to]] as const) {
    if (ms === null) return { ok: false, error: `--replay takes UTC dates (2021-04-10) or ISO times with a zone (2021-04-10T12:00Z); got ${JSON.stringify(text)}` };
  }
  if (to! <= from!) return { ok: false, error: `--replay: <to> (${toText}) must be after <from> (${fromText})` };
  return { ok: true, range: { from: from!, to: to! } };
}
