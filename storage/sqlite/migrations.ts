import type { Database } from 'bun:sqlite';

/**
 * The schema, as the ordered list of steps that build it. A step, once released, never changes:
 * a database that ran it will not run it again, so a change is a new step at the end.
 */
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'candles',
    // WITHOUT ROWID: the primary key is the only index a range read needs, and rows are stored
    // in key order, so one series' candles sit together on disk. STRICT refuses a text price.
    sql: `
      CREATE TABLE candles (
        symbol    TEXT    NOT NULL,
        tf        TEXT    NOT NULL,
        open_time INTEGER NOT NULL,
        open      REAL    NOT NULL,
        high      REAL    NOT NULL,
        low       REAL    NOT NULL,
        close     REAL    NOT NULL,
        volume    REAL    NOT NULL,
        prints    INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (symbol, tf, open_time)
      ) WITHOUT ROWID, STRICT;
    `,
  },
  {
    version: 2,
    name: 'forecasts',
    // One row per forecast a model made, at the close of candle open_time; the realised_* columns
    // are filled once target_time has passed. Returns are log returns; prices are the venue's.
    // The partial index holds only the forecasts still waiting, so a restart finds them at once.
    sql: `
      CREATE TABLE forecasts (
        symbol             TEXT    NOT NULL,
        tf                 TEXT    NOT NULL,
        model              TEXT    NOT NULL,
        open_time          INTEGER NOT NULL,
        made_at            INTEGER NOT NULL,
        horizon            INTEGER NOT NULL,
        target_time        INTEGER NOT NULL,
        price              REAL    NOT NULL,
        q10                REAL    NOT NULL,
        q50                REAL    NOT NULL,
        q90                REAL    NOT NULL,
        confidence         REAL    NOT NULL,
        realised_time      INTEGER,
        realised_price     REAL,
        synthetic          INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (symbol, tf, model, open_time)
      ) WITHOUT ROWID, STRICT;
      CREATE INDEX forecasts_pending ON forecasts (symbol, tf, model, open_time) WHERE realised_price IS NULL;
    `,
  },
  {
    version: 3,
    name: 'accounts',
    // Paper accounts (storage/sqlite/accounts.ts) and their API keys: a key row holds the secret
    // only as its Bun.password hash (argon2id, salted). A key belongs to one account; a separate
    // table so keys can be rotated or added without touching the account.
    // The event log and snapshots (account-log.ts) created their own tables before this step
    // existed, so those two keep IF NOT EXISTS: a database that already has them migrates as is.
    sql: `
      CREATE TABLE accounts (
        id         TEXT    PRIMARY KEY,
        name       TEXT    NOT NULL,
        cash       REAL    NOT NULL CHECK (cash >= 0),
        created_at INTEGER NOT NULL
      ) STRICT;
      CREATE TABLE account_keys (
        key_id      TEXT    PRIMARY KEY,
        account_id  TEXT    NOT NULL REFERENCES accounts (id),
        secret_hash TEXT    NOT NULL,
        created_at  INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX account_keys_by_account ON account_keys (account_id);
      CREATE TABLE IF NOT EXISTS account_events (
        account_id TEXT    NOT NULL,
        seq        INTEGER NOT NULL,
        event      TEXT    NOT NULL,
        PRIMARY KEY (account_id, seq)
      ) WITHOUT ROWID, STRICT;
      CREATE TABLE IF NOT EXISTS account_snapshots (
        account_id TEXT    NOT NULL,
        seq        INTEGER NOT NULL,
        state      TEXT    NOT NULL,
        PRIMARY KEY (account_id, seq)
      ) WITHOUT ROWID, STRICT;
    `,
  },
  {
    version: 4,
    name: 'signals',
    // Strategies started over REST or by main.ts (storage/sqlite/signal-store.ts), each with its
    // config as validated JSON, whether it runs, and its own book (positions, cash) saved at each
    // fill, so a restarted engine starts them again where they were. Every signal a strategy
    // sent, keyed by its deterministic client_order_id: a decision made again is stored once.
    sql: `
      CREATE TABLE strategies (
        id         TEXT    PRIMARY KEY,
        config     TEXT    NOT NULL,
        running    INTEGER NOT NULL CHECK (running IN (0, 1)),
        book       TEXT,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;
      CREATE TABLE signals (
        strategy_id     TEXT    NOT NULL,
        client_order_id TEXT    NOT NULL,
        time            INTEGER NOT NULL,
        symbol          TEXT    NOT NULL,
        side            TEXT    NOT NULL CHECK (side IN ('buy', 'sell')),
        qty             REAL    NOT NULL CHECK (qty > 0),
        order_type      TEXT    NOT NULL,
        limit_price     REAL,
        stop_price      REAL,
        time_in_force   TEXT    NOT NULL,
        reason          TEXT    NOT NULL,
        cause           TEXT    NOT NULL,
        price           REAL,
        status          TEXT    NOT NULL,
        note            TEXT,
        PRIMARY KEY (strategy_id, client_order_id)
      ) WITHOUT ROWID, STRICT;
      CREATE INDEX signals_by_time ON signals (strategy_id, time);
    `,
  },
];

/**
 * Brings the database up to the last migration, each step in its own transaction with its
 * version recorded, so a crash mid-way leaves a database that resumes at the failed step.
 * Running it again on an up-to-date database does nothing. Returns the version reached.
 */
export function migrate(db: Database, migrations: readonly Migration[] = MIGRATIONS): number {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`migration ${m.name} has version ${m.version}; versions must run 1, 2, 3, ... in order`);
  });
  db.run(`CREATE TABLE IF NOT EXISTS schema_version (
    version    INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
  ) STRICT`);
  const current = db.query<{ v: number | null }, []>('SELECT max(version) AS v FROM schema_version').get()?.v ?? 0;
  if (current > migrations.length) {
    throw new Error(`database schema is at version ${current}, newer than this build knows (${migrations.length}); upgrade Tickflow`);
  }
  const record = db.query('INSERT INTO schema_version (version, name) VALUES (?, ?)');
  const applied = db.query<{ n: number }, [number]>('SELECT count(*) AS n FROM schema_version WHERE version = ?');
  for (const m of migrations.slice(current)) {
    // Under the write lock, and only if no other connection (another actor opening the same
    // new file at the same moment) applied it since the version was read.
    db.transaction(() => {
      if (applied.get(m.version)!.n > 0) return;
      db.run(m.sql);
      record.run(m.version, m.name);
    }).immediate();
  }
  return migrations.length;
}
