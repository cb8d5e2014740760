import { parseSpeed, SPEED_FORMS } from './speed.ts';

/** What `npm start -- <flags>` may say; each overrides its environment variable. */
export interface StartArgs {
  help: boolean;
  live: boolean;
  /** Only the edge: the engine runs in another process, reached through REDIS_URL. */
  edgeOnly: boolean;
  speed: number | undefined;
}

export const START_HELP = `Usage: npm start -- [--live] [--speed <speed>] [--edge-only]

Runs Tickflow: the engine, its market and the HTTP edge. By default the bundled market data is
replayed as a live market, looping.

Options:
  --live            Binance's live streams instead of the replay (FEED=live)
  --speed <speed>   replay speed: ${SPEED_FORMS}; default 60x, a 1m bar a second (REPLAY_SPEED)
  --edge-only       only the HTTP and WebSocket edge, for an engine running elsewhere: its
                    topics, answers and cache come through Redis (REDIS_URL required; candle
                    history is read from TICKFLOW_DB, so share the file or a volume)
  -h, --help        this text

Every setting can also come from the environment; see the README's configuration table.`;

/** Parses the start flags; a message says what is wrong, so the process can exit with it. */
export function parseStartArgs(argv: readonly string[]): { ok: true; args: StartArgs } | { ok: false; error: string } {
  const args: StartArgs = { help: false, live: false, edgeOnly: false, speed: undefined };
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
    } else return { ok: false, error: `unknown option ${JSON.stringify(token)}; npm start takes --live, --speed <speed>, --edge-only, --help` };
  }
  if (args.edgeOnly && (args.live || args.speed !== undefined)) return { ok: false, error: '--edge-only runs no market: --live and --speed belong to the engine process' };
  return { ok: true, args };
}
