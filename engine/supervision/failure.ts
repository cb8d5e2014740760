import type { Address } from '../names.ts';
import type { ErrorInfo, SystemMessageIn } from '../wire/system.ts';
import { decide, type Decision, type Directive, type SupervisorSpec } from './supervisor.ts';

/** A supervisor as seen by the failure logic: an actor's cell, or the root on the main thread. */
export interface SupervisorView {
  readonly address: Address;
  readonly spec: SupervisorSpec;
  readonly history: number[];
  children: Address[];
}

/** Published for every decision, so an operator can always answer "why was this restarted?". */
export type SupervisionEvent = {
  readonly type: 'supervision';
  readonly supervisor: Address;
  readonly child: Address;
  readonly error: string;
  readonly directive: Directive;
  readonly decision: Directive;
  readonly targets: readonly Address[];
  readonly reason: string;
};

export interface FailureOutcome {
  readonly decision: Decision;
  readonly event: SupervisionEvent;
  /** System messages the supervisor sends to apply the decision. */
  readonly commands: readonly { readonly to: Address; readonly msg: SystemMessageIn }[];
}

/** Decides what a supervisor does about a failed child. Pure apart from the restart history and children list it updates. */
export function onChildFailed(sup: SupervisorView, child: Address, error: ErrorInfo, directive: Directive, now: number): FailureOutcome {
  const decision = decide(sup.spec, sup.history, sup.children, child, directive, now);
  const event: SupervisionEvent = {
    type: 'supervision',
    supervisor: sup.address,
    child,
    error: `${error.name}: ${error.message}`,
    directive,
    decision: decision.kind === 'escalate' ? 'escalate' : decision.directive,
    targets: decision.kind === 'apply' ? decision.targets : [],
    reason: decision.reason,
  };
  if (decision.kind === 'escalate') return { decision, event, commands: [] };
  if (decision.directive === 'stop') sup.children = sup.children.filter((c) => c !== child);
  const reason = `${decision.reason} (after ${child} failed: ${error.message})`;
  const msg: SystemMessageIn =
    decision.directive === 'resume' ? { t: 'resume' } : decision.directive === 'stop' ? { t: 'stop', reason } : { t: 'restart', reason };
  return { decision, event, commands: decision.targets.map((to) => ({ to, msg })) };
}

/** Thrown (into the supervisor's own supervisor) when restart intensity is exceeded or a child escalates. */
export class EscalationError extends Error {
  override name = 'EscalationError';
}
