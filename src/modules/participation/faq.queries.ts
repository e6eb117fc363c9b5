import type { AppContext } from '../../shared/context.js';
import { authorize, type PublicCaller } from '../accounts/index.js';
import { agencyOf } from '../organisations/index.js';
import { listAllFaq, listPublishedFaq, type FaqFilter, type FaqList, type ManagedFaq } from './faq.repo.js';

/** The published FAQ of the agency named by `org` (a unit's code names its agency); an unknown code is a 404. */
export async function publishedFaqOf(ctx: AppContext, org: string, filter: FaqFilter): Promise<FaqList> {
  const agency = await agencyOf(ctx.db.kysely, org);
  return listPublishedFaq(ctx, agency.id, filter);
}

/** Every entry of the agency, hidden ones too, for its office. */
export async function managedFaqOf(caller: PublicCaller, org: string): Promise<{ entries: ManagedFaq[] }> {
  const agency = await agencyOf(caller.ctx.db.kysely, org);
  await authorize(caller.ctx, caller.principal, caller.actor, 'interaction.manage', agency.path, { type: 'faq' });
  return { entries: await listAllFaq(caller.ctx, agency.id) };
}

