import { z } from 'zod';
import { behaviour, protocol } from '../../engine/index.ts';

export const chaosProps = z.object({
  /** One Int32 the harness sets to 1 when the worker should die, and back to 0 once it has. */
  flag: z.instanceof(SharedArrayBuffer),
  code: z.number().int().min(1).max(255).default(3),
});

/** How often the flag is looked at (wall time: the switch acts between simulation steps, outside simulated time). */
const POLL_MS = 1;

/**
 * A test switch: `sim-chaos/<n>` lives on worker n (placed by id) and ends that worker's
 * thread, as a real fault would, when the harness raises its flag. The harness raises it only
 * while the simulation is at rest between two steps: a worker dying inside a round loses the
 * messages of that round (the driver goes on without them), and the report would depend on when
 * the fault struck (sim/run/crash.ts).
 */
export const chaos = behaviour({
  kind: 'sim-chaos',
  props: chaosProps,
  protocol: protocol({ view: {} }),
  init: (props) => {
    const flag = new Int32Array(props.flag);
    const poll = () => {
      if (Atomics.load(flag, 0) === 1) process.exit(props.code);
    };
    const timer = setInterval(poll, POLL_MS); // clock-ok: a test switch, polled in wall time outside the simulation it breaks
    return { timer };
  },
  handlers: {
    view: (_s, _m, ctx) => ctx.reply({ armed: true }),
  },
  onStop: (s) => clearInterval(s.timer),
});

export const CHAOS_PLACEMENT = { 'sim-chaos': 'by-id' } as const;
export const behaviours = [chaos];
