import type { BehaviourRegistry } from '../behaviour/registry.ts';
import { kindOf, ROOT, type Address } from '../names.ts';
import { onChildFailed, type SupervisorView } from '../supervision/failure.ts';
import type { SupervisorSpec } from '../supervision/supervisor.ts';
import type { ErrorInfo, SystemMessageIn } from '../wire/system.ts';
import type { Directory } from './directory.ts';

export interface RootEffects {
  now(): number;
  send(to: Address, msg: SystemMessageIn): void;
  event(e: { type: string; [k: string]: unknown }): void;
}

/**
 * The root supervisor, on the main thread: the parent of every actor spawned from outside
 * (the edge, main.ts, a test). There is nobody above it to escalate to, so an escalation
 * stops the failing actor and says so in an event, and the rest of the system runs on.
 */
export class RootSupervisor {
  private readonly history: number[] = [];

  constructor(
    private readonly spec: SupervisorSpec,
    private readonly registry: BehaviourRegistry,
    private readonly directory: Directory,
    private readonly effects: RootEffects,
  ) {}

  childFailed(child: Address, error: ErrorInfo): void {
    const view: SupervisorView = { address: ROOT, spec: this.spec, history: this.history, children: this.directory.childrenOf(ROOT) };
    if (!view.children.includes(child)) return;
    const kind = kindOf(child);
    const directive = this.registry.has(kind) ? (this.registry.get(kind).onFailure ?? 'restart') : 'restart';
    const outcome = onChildFailed(view, child, error, directive, this.effects.now());
    this.effects.event(outcome.event);
    if (outcome.decision.kind === 'escalate') {
      this.effects.event({ type: 'root-escalation', child, reason: outcome.decision.reason });
      this.effects.send(child, { t: 'stop', reason: `escalated to the root: ${outcome.decision.reason}` });
      return;
    }
    for (const c of outcome.commands) this.effects.send(c.to, c.msg);
  }
}
