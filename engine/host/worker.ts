/**
 * The entry point of every worker thread: waits for `init`, loads the behaviour modules,
 * then hands every post to its WorkerHost. Posts that arrive while loading are kept in order.
 */
import * as Comlink from 'comlink';
import { BehaviourRegistry } from '../behaviour/registry.ts';
import { LiveClock } from '../clock/live-clock.ts';
import { SimClock } from '../clock/sim-clock.ts';
import { initMessage } from '../wire/control.ts';
import { describeIssues } from '../wire/system.ts';
import { controlApi } from './control.ts';
import { WorkerHost } from './host.ts';

declare const self: Worker;

let host: WorkerHost | undefined;
let booting = false;
const early: unknown[] = [];

self.onmessage = (e: MessageEvent) => {
  if (host) host.receive(e.data);
  else if (booting) early.push(e.data);
  else {
    booting = true;
    void boot(e.data);
  }
};

async function boot(data: unknown): Promise<void> {
  const init = initMessage.safeParse(data);
  if (!init.success) throw new Error(`worker started without a valid init message: ${describeIssues(init.error)}`);
  const { clock, behaviourModules, index, control } = init.data;
  const registry = await BehaviourRegistry.load(behaviourModules);
  const time = clock.mode === 'sim' ? new SimClock(clock.start) : new LiveClock();
  host = new WorkerHost(init.data, registry, time, (msg, transfer) => self.postMessage(msg, (transfer ?? []) as Bun.Transferable[]));
  Comlink.expose(controlApi(host), control);
  self.postMessage({ t: 'ready', index });
  for (const d of early.splice(0)) host.receive(d);
}
