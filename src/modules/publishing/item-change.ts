import type { PublicCaller } from '../accounts/index.js';
import type { Tx } from '../../db/database.js';
import { notFound } from '../../shared/errors.js';
import { refusalError, type Refusal } from '../../shared/workflow.js';
import { recordAudit } from '../audit/index.js';
import type { Contribution } from './four-eyes.js';
import { contributionsTo, loadItem, lockItem, type ItemRecord, type RevisionRow } from './items.repo.js';
import { itemFacts } from './items.present.js';
import { ITEM_WORKFLOW, type ItemAction, type ItemFacts, type ItemRefusal, type ItemState } from './workflow.js';

/** One change of one item, inside its transaction: the item as it now is, and the workflow's decision on it. */
export interface ItemChange {
  trx: Tx;
  item: ItemRecord;
  /** The working revision, else the live one. */
  rev: RevisionRow;
  contributions: Contribution[];
  facts: ItemFacts;
  now: string;
  /** The state `action` leads to; throws every refusal of the rule table (the answered one audited if it refuses a person). */
  require: (action: ItemAction, more?: Partial<ItemFacts>) => ItemState;
}

/** The workflow refused inside the transaction: answered after the rollback, with its denied record. */
class Refused extends Error {
  constructor(
    readonly refusals: Refusal[],
    readonly unitPath: string,
  ) {
    super(refusals[0]!.message);
  }
}

/**
 * Runs one change of an item as one transaction: its row held (lockItem), then the item, its current revision and
 * their contributors read once — what every check and the answer need — and `work` decides and writes. A refusal of
 * a person (their role, four eyes) is recorded as denied after the rollback, as `authorize` does.
 */
export async function changeItem<T>(caller: PublicCaller, id: string, work: (change: ItemChange) => Promise<T>): Promise<T> {
  const { ctx, principal, actor } = caller;
  try {
    return await ctx.db.kysely.transaction().execute(async (trx) => {
      await lockItem(trx, ctx.db.dialect, id);
      const loaded = await loadItem(trx, id);
      if (!loaded) throw notFound('信息不存在');
      const { item, rev } = loaded;
      const contributions = await contributionsTo(trx, rev.id);
      const facts = itemFacts(principal, item, rev, contributions);
      const require = (action: ItemAction, more: Partial<ItemFacts> = {}): ItemState => {
        const decision = ITEM_WORKFLOW.decide(facts.state, action, { ...facts, ...more });
        if (!decision.ok) throw new Refused(decision.refusals, item.unit_path);
        return decision.to;
      };
      return work({ trx, item, rev, contributions, facts, now: ctx.clock().toISOString(), require });
    });
  } catch (err) {
    if (!(err instanceof Refused)) throw err;
    const denied = (err.refusals[0] as ItemRefusal).denied;
    if (denied) {
      await recordAudit(ctx, actor, {
        action: denied.action,
        outcome: 'denied',
        objectType: 'item',
        objectId: id,
        orgPath: err.unitPath,
        ...(denied.summary ? { summary: denied.summary } : {}),
      });
    }
    throw refusalError(err.refusals);
  }
}
