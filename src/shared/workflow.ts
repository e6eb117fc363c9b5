import { AppError } from './errors.js';

/**
 * The one shape of a workflow (publishing's revisions, citizens' messages, and the applications, tasks and
 * assessments to come): a table of rules, one per action, each saying from which states it may be taken, where it
 * leads, and the guards it must pass. `decide` returns every reason an action is refused at once (the state and
 * each guard), so the console can say all that stands in the way; `require` throws them as one error.
 */

/** Why an action is refused: an HTTP status (403 who, 409 when, 400 what), a stable code and a message in Chinese. */
export interface Refusal {
  status: 400 | 403 | 409;
  code: string;
  message: string;
  /** Per-field messages, when the refusal is about what was entered (e.g. a complaint's missing findings). */
  fields?: Record<string, string>;
  /** Members of the error object when this refusal is the one answered (e.g. four eyes' `reason`, a scan's findings). */
  extra?: Record<string, unknown>;
}

/** A guard looks at the facts of one request and returns its refusal, or null when it has nothing against it. */
export type Guard<F> = (facts: F) => Refusal | null;

export interface Rule<S extends string, F> {
  from: readonly S[];
  /** The state the action leads to; a function when the facts decide (a reply goes to review or straight out). */
  to: S | ((facts: F) => S);
  guards?: readonly Guard<F>[];
}

export type Decision<S> = { ok: true; to: S } | { ok: false; refusals: Refusal[] };

export class Workflow<S extends string, A extends string, F> {
  constructor(
    readonly rules: Readonly<Record<A, Rule<S, F>>>,
    /** How a state refusal reads: e.g. `留言当前为“已答复”，不能答复`. */
    private readonly stateRefusal: (state: S, action: A) => Refusal,
  ) {}

  /** Whether the state allows the action at all (before any guard): for lists of possible actions. */
  allowedIn(state: S, action: A): boolean {
    return this.rules[action].from.includes(state);
  }

  /** The actions the state allows (before guards). */
  actionsFrom(state: S): A[] {
    return (Object.keys(this.rules) as A[]).filter((a) => this.allowedIn(state, a));
  }

  /** Every reason the action is refused, or where it leads. Guards run even when the state refuses. */
  decide(state: S, action: A, facts: F): Decision<S> {
    const rule = this.rules[action];
    const refusals: Refusal[] = [];
    if (!rule.from.includes(state)) refusals.push(this.stateRefusal(state, action));
    for (const guard of rule.guards ?? []) {
      const refusal = guard(facts);
      if (refusal) refusals.push(refusal);
    }
    if (refusals.length) return { ok: false, refusals };
    return { ok: true, to: typeof rule.to === 'function' ? rule.to(facts) : rule.to };
  }

  /** The next state, or the refusals as one error (see `refusalError`). */
  require(state: S, action: A, facts: F): S {
    const decision = this.decide(state, action, facts);
    if (!decision.ok) throw refusalError(decision.refusals);
    return decision.to;
  }
}

/**
 * Refusals as one error: the first refusal's status, code and message (so a single refusal answers exactly as it
 * always did), the fields of all of them, and every refusal in `reasons` for a client that shows them all.
 */
export function refusalError(refusals: readonly Refusal[]): AppError {
  const first = refusals[0]!;
  const fields = Object.assign({}, ...refusals.map((r) => r.fields ?? {})) as Record<string, string>;
  return new AppError(first.status, first.code, first.message, Object.keys(fields).length ? fields : undefined, undefined, {
    ...first.extra,
    reasons: refusals.map(({ status, code, message }) => ({ status, code, message })),
  });
}
