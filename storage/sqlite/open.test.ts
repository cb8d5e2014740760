import { Database } from 'bun:sqlite';
import { afterAll, describe, expect, test } from 'bun:test';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MIGRATIONS, migrate, type Migration } from './migrations.ts';
import { open } from './open.ts';

const dir = mkdtempSync(join(tmpdir(), 'tickflow-open-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const pragma = (db: Database, name: string) => Object.values(db.query(`PRAGMA ${name}`).get() as object)[0];
const versions = (db: Database) => db.query<{ version: number; name: string }, []>('SELECT version, name FROM schema_version ORDER BY version').all();

describe('open', () => {
  test('creates the missing folders and the file, in WAL mode with the documented settings', () => {
    const path = join(dir, 'a', 'b', 'tickflow.db');
    const db = open(path);
    expect(existsSync(path)).toBe(true);
    expect(pragma(db, 'journal_mode')).toBe('wal');
    expect(pragma(db, 'synchronous')).toBe(1); // NORMAL
    expect(pragma(db, 'foreign_keys')).toBe(1);
    expect(pragma(db, 'busy_timeout')).toBe(5_000);
    db.close();
  });

  test('migrates a new database to the last version, and reopening runs nothing again', () => {
    const path = join(dir, 'migrated.db');
    const first = open(path);
    expect(versions(first)).toEqual(MIGRATIONS.map(({ version, name }) => ({ version, name })));
    first.close();
    const again = open(path);
    expect(versions(again)).toHaveLength(MIGRATIONS.length);
    expect(migrate(again)).toBe(MIGRATIONS.length);
    expect(versions(again)).toHaveLength(MIGRATIONS.length);
    again.close();
  });

  test('the candles table is keyed by (symbol, tf, open_time) without a rowid', () => {
    const db = open(':memory:');
    const sql = (db.query("SELECT sql FROM sqlite_master WHERE name = 'candles'").get() as { sql: string }).sql;
    expect(sql).toContain('PRIMARY KEY (symbol, tf, open_time)');
    expect(sql).toContain('WITHOUT ROWID');
    db.close();
  });

  test('a database from a newer build is refused, not downgraded', () => {
    const path = join(dir, 'newer.db');
    open(path).close();
    const db = new Database(path);
    db.run("INSERT INTO schema_version (version, name) VALUES (99, 'from the future')");
    db.close();
    expect(() => open(path)).toThrow(`database schema is at version 99, newer than this build knows (${MIGRATIONS.length}); upgrade Tickflow`);
  });
});

describe('migrate', () => {
  const steps: Migration[] = [
    { version: 1, name: 'a', sql: 'CREATE TABLE a (x INTEGER)' },
    { version: 2, name: 'b', sql: 'CREATE TABLE b (y INTEGER)' },
  ];

  test('applies only the steps a database has not run yet, in order', () => {
    const db = new Database(':memory:');
    expect(migrate(db, steps.slice(0, 1))).toBe(1);
    expect(migrate(db, steps)).toBe(2);
    expect(versions(db).map((v) => v.name)).toEqual(['a', 'b']);
    db.close();
  });

  test('a failing step leaves the earlier ones applied and records nothing for itself', () => {
    const db = new Database(':memory:');
    expect(() => migrate(db, [...steps, { version: 3, name: 'bad', sql: 'CREATE TABLE a (z INTEGER)' }])).toThrow(/already exists/);
    expect(versions(db).map((v) => v.version)).toEqual([1, 2]);
    db.close();
  });

  test('versions must run 1, 2, 3 without holes', () => {
    const db = new Database(':memory:');
    expect(() => migrate(db, [steps[1]!])).toThrow('migration b has version 2; versions must run 1, 2, 3, ... in order');
    db.close();
  });
});
