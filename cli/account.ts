import { z } from 'zod';
import { AccountStore, newAccountSchema, type NewAccount } from '../storage/sqlite/accounts.ts';
import { open } from '../storage/sqlite/open.ts';
import { parseArgs } from './args.ts';
import { EXIT, type Command, type Io } from './command.ts';
import { DEFAULT_DB } from './import.ts';

const decimal = /^\d+(\.\d+)?$/;

const schema = z.object({
  positionals: z.tuple([z.literal('create', { error: (i) => `account takes one subcommand, create; got ${JSON.stringify(i.input)}` })], {
    error: (i) => (Array.isArray(i.input) && i.input.length === 0 ? 'account needs a subcommand: create' : `account create takes no more words, got ${JSON.stringify((i.input as string[]).slice(1))}`),
  }),
  name: z.string({ error: '--name is required' }).trim().min(1, { error: '--name must not be empty' }).max(100, { error: '--name must be at most 100 characters' }),
  cash: z
    .string({ error: '--cash is required' })
    .regex(decimal, { error: (i) => `--cash must be an amount like 100000 or 2500.50, got ${JSON.stringify(i.input)}` })
    .transform(Number)
    .pipe(z.number().max(1e12, { error: '--cash must be at most 1000000000000' })),
  url: z.url({ protocol: /^https?$/, error: (i) => `--url must be an http(s) URL, got ${JSON.stringify(i.input)}` }).optional(),
  db: z.string().min(1, { error: '--db needs a path' }).optional(),
  json: z.literal(true).optional(),
});
type Args = z.output<typeof schema>;

// The environment the server reads (config/env.ts), read here on its own: an unrelated bad variable must not stop this command.
const envSchema = z.object({
  PORT: z
    .string()
    .regex(/^\d{1,5}$/, { error: (i) => `PORT must be a port number, got ${JSON.stringify(i.input)}` })
    .optional()
    .catch(undefined),
  ADMIN_KEY: z.string().optional(),
  TICKFLOW_DB: z.string().optional(),
});

const help = `Usage: tickflow account create --name <name> --cash <amount> [--json] [--url <url>] [--db <path>]

Creates a paper-trading account and its Alpaca key pair. The secret is printed this once: it
is stored only as its argon2id hash.

It reaches the running server or its database: when a server answers at --url (default
http://127.0.0.1:$PORT, PORT 3000 unless set), the account is created through its admin API
(POST /api/admin/accounts, with ADMIN_KEY) and its actor starts at once. When nothing listens
there, the account is written to the database file (--db, else $TICKFLOW_DB, else ${DEFAULT_DB})
and starts with the server's next start. With --url, a server must answer.

Options:
  --name <name>     what to call the account
  --cash <amount>   its starting cash
  --json            print one line {"account_id","key_id","secret"} instead of the text
  --url <url>       the server to create it through
  --db <path>       the database to write when no server runs
  -h, --help        show this help

Exit status: 0 created, 1 not created (the server refused, or no server at --url), 2 a bad command line.`;

/** Why the server could not take the account: printed, exit 1. */
class NotCreated extends Error {}

export const accountCommand: Command = {
  name: 'account',
  summary: 'create a paper-trading account and its Alpaca API key (through the server, or in the database)',
  help,
  async run(argv, io) {
    const parsed = parseArgs(argv, { command: 'account', options: ['name', 'cash', 'url', 'db'], flags: ['json'], schema });
    if (parsed.help) {
      io.out(help);
      return EXIT.ok;
    }
    const args = parsed.args;
    const env = envSchema.parse(io.env);
    try {
      const { made, where } = await create(args, env, io);
      if (args.json) io.out(JSON.stringify({ account_id: made.account.id, key_id: made.keyId, secret: made.secret }));
      else {
        io.out(`created account ${made.account.id} (${made.account.name}) with ${made.account.cash} cash, ${where}`);
        io.out(`APCA-API-KEY-ID=${made.keyId}`);
        io.out(`APCA-API-SECRET-KEY=${made.secret}`);
        io.out('The secret is shown this once; it is stored only as its hash.');
      }
      return EXIT.ok;
    } catch (e) {
      if (!(e instanceof NotCreated)) throw e;
      io.err(`tickflow account: ${e.message}`);
      return EXIT.failed;
    }
  },
};

async function create(args: Args, env: z.output<typeof envSchema>, io: Io): Promise<{ made: NewAccount; where: string }> {
  const url = args.url ?? `http://127.0.0.1:${env.PORT ?? '3000'}`;
  const body = newAccountSchema.parse({ name: args.name, cash: args.cash });
  const server = await reach(url, env.ADMIN_KEY, body);
  if (server === 'nothing listens') {
    if (args.url) throw new NotCreated(`no server answers at ${url}`);
    const path = args.db ?? (env.TICKFLOW_DB || DEFAULT_DB);
    const db = open(path);
    try {
      const made = await new AccountStore(db).create(body, Date.now());
      return { made, where: `in ${path} (no server at ${url}; it starts with the server's next start)` };
    } finally {
      db.close();
    }
  }
  io.err(`created through ${url}`);
  return { made: server, where: `through ${url}; it is trading now` };
}

const created = z.object({ account_id: z.string(), name: z.string(), cash: z.number(), created_at: z.string(), key_id: z.string(), secret: z.string() });

/**
 * POSTs the account to the server at `url`; 'nothing listens' when the connection is refused.
 * Without ADMIN_KEY the server is only probed: a running server must create the account itself,
 * or it would not trade until the server restarts.
 */
async function reach(url: string, adminKey: string | undefined, body: { name: string; cash: number }): Promise<NewAccount | 'nothing listens'> {
  const request = (path: string, init: RequestInit = {}) =>
    fetch(new URL(path, url), { ...init, signal: AbortSignal.timeout(10_000) }).catch((e: unknown) => {
      const code = (e as { code?: string }).code;
      if (code === 'ConnectionRefused' || code === 'ECONNREFUSED') return 'nothing listens' as const;
      throw new NotCreated(`${url} did not answer: ${e instanceof Error ? e.message : String(e)}`);
    });
  if (!adminKey) {
    const probe = await request('/api/health');
    if (probe === 'nothing listens') return probe;
    throw new NotCreated(`a server answers at ${url}: set ADMIN_KEY to create the account through it (written to its database instead, it would not trade until the server restarts)`);
  }
  const res = await request('/api/admin/accounts', { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${adminKey}` }, body: JSON.stringify(body) });
  if (res === 'nothing listens') return res;
  const text = await res.text();
  if (res.status === 401) throw new NotCreated(`the server at ${url} refused ADMIN_KEY (401)`);
  if (res.status === 404) throw new NotCreated(`the server at ${url} has no admin routes (404): start it with ADMIN_KEY set`);
  if (res.status !== 201) throw new NotCreated(`the server at ${url} answered ${res.status}: ${detailOf(text)}`);
  const answer = created.safeParse(JSON.parse(text));
  if (!answer.success) throw new NotCreated(`the server at ${url} answered 201 with an unexpected body: ${text.slice(0, 200)}`);
  const a = answer.data;
  return { account: { id: a.account_id, name: a.name, cash: a.cash, createdAt: Date.parse(a.created_at) }, keyId: a.key_id, secret: a.secret };
}

const detailOf = (text: string) => {
  try {
    return String((JSON.parse(text) as { detail?: unknown }).detail ?? text);
  } catch {
    return text.slice(0, 200);
  }
};
