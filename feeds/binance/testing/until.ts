/**
 * Waits for real I/O (sockets, HTTP) to make `ready()` true, polling every few ms; fails with
 * `what` after about `timeoutMs`. It counts polls instead of reading the time, so it works the
 * same whichever clock the code under test is on.
 */
export async function until(ready: () => boolean, what: string, timeoutMs = 5_000): Promise<void> {
  const every = 5;
  for (let waited = 0; waited < timeoutMs; waited += every) {
    if (ready()) return;
    await Bun.sleep(every);
  }
  if (!ready()) throw new Error(`timed out waiting for ${what}`);
}
