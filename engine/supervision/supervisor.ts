import type { Address } from '../names.ts';

/**
 * Supervision as data, with Erlang/OTP semantics. A supervisor answers a child's failure with a
 * directive; a strategy says which children it applies to; restart intensity (at most
 * `maxRestarts` within `withinMs` on the injected clock) bounds restart loops, beyond which
 * the supervisor escalates to its own parent. Pure: the host and the root both call decide().
 */
export type Directive = 'resume' | 'restart' | 'stop' | 'escalate';
export type Strategy = 'one_for_one' | 'one_for_all' | 'rest_for_one';

export interface SupervisorSpec {
  readonly strategy: Strategy;
  readonly maxRestarts: number;
  readonly withinMs: number;
}

export const DEFAULT_SUPERVISOR: SupervisorSpec = { strategy: 'one_for_one', maxRestarts: 3, withinMs: 5_000 };

export type Decision =
  | { readonly kind: 'apply'; readonly directive: Exclude<Directive, 'escalate'>; readonly targets: readonly Address[]; readonly reason: string }
  | { readonly kind: 'escalate'; readonly reason: string };

/**
 * @param history restart times of this supervisor's children, pruned and appended in place
 * @param children in start order (rest_for_one restarts the failed child and those started after it)
 */
export function decide(
  spec: SupervisorSpec,
  history: number[],
  children: readonly Address[],
  failed: Address,
  directive: Directive,
  now: number,
): Decision {
  if (directive === 'escalate') return { kind: 'escalate', reason: `${failed} failed; its directive is escalate` };
  if (directive !== 'restart') return { kind: 'apply', directive, targets: [failed], reason: `${directive} ${failed}` };

  while (history.length > 0 && history[0]! <= now - spec.withinMs) history.shift();
  if (history.length >= spec.maxRestarts) {
    return {
      kind: 'escalate',
      reason: `restart intensity exceeded: ${history.length + 1} restarts within ${spec.withinMs} ms (max ${spec.maxRestarts})`,
    };
  }
  history.push(now);
  const at = children.indexOf(failed);
  const targets =
    spec.strategy === 'one_for_all' ? [...children] : spec.strategy === 'rest_for_one' && at >= 0 ? children.slice(at) : [failed];
  return { kind: 'apply', directive: 'restart', targets, reason: `${spec.strategy}: restart ${targets.join(', ')}` };
}
