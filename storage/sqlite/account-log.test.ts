import { afterAll, expect, test } from 'bun:test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AccountLog } from './account-log.ts';

const dir = mkdtempSync(join(tmpdir(), 'tickflow-account-log-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;
const fresh = () => join(dir, `log-${++files}.db`);

// A toy account: the log does not know what an event means, only that apply folds them.
type Ev = { add: number };
const apply = (s: { total: number; n: number }, e: Ev) => ({ total: s.total + e.add, n: s.n + 1 });
const zero = () => ({ total: 0, n: 0 });

test('appends with increasing seqs per account and reads them back after reopening', () => {
  const path = fresh();
  const a = AccountLog.open(path, 'acc_1');
  expect(a.append([{ add: 1 }, { add: 2 }])).toBe(2);
  expect(a.append([{ add: 3 }])).toBe(3);
  expect(a.append([])).toBe(3);
  const b = new AccountLog(a.db, 'acc_2');
  expect(b.append([{ add: 10 }])).toBe(1); // seqs are per account
  a.close();

  const again = AccountLog.open(path, 'acc_1');
  expect(again.readSince(0)).toEqual([
    { seq: 1, event: { add: 1 } },
    { seq: 2, event: { add: 2 } },
    { seq: 3, event: { add: 3 } },
  ]);
  expect(again.readSince(2).map((e) => e.seq)).toEqual([3]);
  expect(again.db.query('PRAGMA journal_mode').get()).toEqual({ journal_mode: 'wal' });
  expect(again.db.query('PRAGMA busy_timeout').get()).toEqual({ timeout: 5_000 });
  again.close();
});

test('last snapshot plus the tail replays to the same state as the whole log', () => {
  const log = AccountLog.open(fresh(), 'acc');
  let state = zero();
  for (let i = 1; i <= 25; i++) {
    const seq = log.append([{ add: i }]);
    state = apply(state, { add: i });
    if (seq % 10 === 0) log.saveSnapshot(seq, state);
  }
  const whole = log.readSince<Ev>(0).reduce((s, e) => apply(s, e.event), zero());
  const recovered = log.recover(zero, apply);
  expect(recovered).toEqual({ state: whole, seq: 25, replayed: 5, snapshot: { seq: 20, bytes: JSON.stringify({ total: 210, n: 20 }).length } });
  expect(log.latestSnapshot()).toEqual({ seq: 20, state: { total: 210, n: 20 } });
  expect(log.db.query('SELECT count(*) AS n FROM account_snapshots').get()).toEqual({ n: 1 }); // older ones pruned
  log.close();
});

test('a write that fails part-way leaves nothing of it, and the next append carries on the seqs', () => {
  const log = AccountLog.open(fresh(), 'acc');
  log.append([{ add: 1 }]);
  // The second event cannot be serialised, after the first was inserted in the same transaction.
  expect(() => log.append([{ add: 2 }, { add: 10n }])).toThrow();
  expect(log.lastSeq()).toBe(1);
  // A caller's transaction that throws after appending takes the append with it.
  expect(() =>
    log.db.transaction(() => {
      log.append([{ add: 3 }]);
      throw new Error('crash between append and commit');
    })(),
  ).toThrow('crash between append and commit');
  expect(log.readSince(0)).toEqual([{ seq: 1, event: { add: 1 } }]);
  expect(log.append([{ add: 4 }])).toBe(2);
  log.close();
});

test('a second writer cannot take a seq that is already written', () => {
  const path = fresh();
  const a = AccountLog.open(path, 'acc');
  const b = AccountLog.open(path, 'acc');
  a.append([{ add: 1 }]);
  expect(b.append([{ add: 2 }])).toBe(2); // reads the seq inside its transaction
  expect(a.readSince(0).map((e) => e.seq)).toEqual([1, 2]);
  a.close();
  b.close();
});
