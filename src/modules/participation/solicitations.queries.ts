import type { AppContext } from '../../shared/context.js';
import { authorize, can, type PublicCaller } from '../accounts/index.js';
import { agencyOf } from '../organisations/index.js';
import {
  commentCounts,
  findSolicitation,
  listSolicitations,
  solicitationDetail,
  staffComments,
  type CommentRow,
  type SolicitationListFilter,
  type SolicitationWithAgency,
} from './solicitations.repo.js';
import type { Solicitation, StaffComments } from './participation.schemas.js';

const ANONYMOUS = '匿名';

/** The solicitation, after the permission check on its agency: what every staff command and query starts from. */
export async function managedSolicitation(caller: PublicCaller, id: string): Promise<SolicitationWithAgency> {
  const row = await findSolicitation(caller.ctx, id);
  await authorize(caller.ctx, caller.principal, caller.actor, 'interaction.manage', row.agency_path, { type: 'solicitation', id });
  return row;
}


/** The public view; the office of the agency also gets the version and the counts of pending and hidden comments. */
export async function solicitationView(caller: Pick<PublicCaller, 'ctx' | 'principal'>, id: string, page = 1, pageSize = 50): Promise<Solicitation> {
  const { ctx, principal } = caller;
  const row = await findSolicitation(ctx, id);
  const detail = await solicitationDetail(ctx, row, page, pageSize);
  const out = { ...detail, comments: detail.comments.map((c) => ({ ...c, name: c.name ?? ANONYMOUS })) };
  if (!principal || !can(principal, 'interaction.manage', row.agency_path)) return out;
  const counts = (await commentCounts(ctx, [id])).get(id)!;
  return { ...out, version: row.version, staff: { pending: counts.pending, hidden: counts.hidden } };
}

/** An agency's solicitations by the code of the agency or one of its units; an unknown code is a 404. */
export async function solicitationsOf(ctx: AppContext, org: string, filter: SolicitationListFilter) {
  const agency = await agencyOf(ctx.db.kysely, org);
  return listSolicitations(ctx, agency.id, filter);
}

/** The office's queue of comments on one solicitation, with contacts. */
export async function commentQueue(caller: PublicCaller, id: string, filter: { state?: CommentRow['state'] | undefined; page: number; pageSize: number }): Promise<StaffComments> {
  await managedSolicitation(caller, id);
  return staffComments(caller.ctx, id, filter.state, filter.page, filter.pageSize);
}
