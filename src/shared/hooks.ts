import type { Queryable, Tx } from '../db/database.js';
import type { Actor } from '../modules/audit/index.js';
import type { AppContext } from './context.js';

/**
 * Side effects one module attaches to another module's changes, run inside the changing transaction so that they
 * commit or roll back with it. The changing module runs the hook without knowing who listens (publishing does not
 * know search); a listener registers in its descriptor (`hooks`), and the app assembles them (http/modules.ts).
 * Domain events (shared/events.ts) are the other kind: after the commit, possibly on another instance.
 */
export interface HookMap {
  /**
   * What the public sees of these items may have changed: published, corrected, revised, masked, withdrawn, or an
   * attachment added or removed. Search re-indexes them.
   */
  itemsChanged: (trx: Queryable, ctx: Pick<AppContext, 'db' | 'clock'>, itemIds: readonly string[]) => Promise<void>;
  /**
   * An agency was created: what every agency starts with is set up in the same transaction, on the creator's
   * behalf and audited as theirs (publishing gives it the plan's catalog).
   */
  agencyCreated: (trx: Tx, ctx: Pick<AppContext, 'db' | 'clock' | 'auditSeal'>, actor: Actor, agency: { id: string; path: string }) => Promise<void>;
  /**
   * The office promotes an answered message to the FAQ (participation asks; messages, which knows the message,
   * calls `offer` with what it offers — neither module imports the other). Nothing offered: no such message of
   * the agency.
   */
  answerForFaq: (q: Queryable, ask: { agencyId: string; messageId: string }, offer: (answer: FaqSource) => void) => Promise<void>;
}

/** What an answered message offers a FAQ entry. */
export interface FaqSource {
  /** Only an answered message can be promoted. */
  answered: boolean;
  question: string | null;
  answer: string | null;
  /** The public, masked copy (true), or the text as the citizen and the office wrote it (false). */
  published: boolean;
}

export type HookName = keyof HookMap;
export type HookHandlers = { [K in HookName]?: HookMap[K] };

export class Hooks {
  private readonly handlers: { [K in HookName]: HookMap[K][] } = { itemsChanged: [], agencyCreated: [], answerForFaq: [] };

  constructor(registrations: readonly HookHandlers[] = []) {
    for (const r of registrations) for (const name of Object.keys(r) as HookName[]) this.add(name, r[name]!);
  }

  private add<K extends HookName>(name: K, handler: HookMap[K]): void {
    (this.handlers[name] as HookMap[K][]).push(handler);
  }

  /** Runs every handler of `name` in registration order, in the caller's transaction; a failure fails the change. */
  async run<K extends HookName>(name: K, ...args: Parameters<HookMap[K]>): Promise<void> {
    for (const handler of this.handlers[name]) await (handler as (...a: Parameters<HookMap[K]>) => Promise<void>)(...args);
  }
}
