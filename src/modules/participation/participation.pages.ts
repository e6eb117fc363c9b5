import type { AppContext } from '../../shared/context.js';
import type { PageOutcome, SiteForm, SitePage } from '../../portal/site-api.js';
import { AppError, notFound } from '../../shared/errors.js';
import { actorOf } from '../../http/route.js';
import type { Challenge } from '../../shared/abuse.js';
import { fieldErrors } from '../../shared/validation.js';
import { formErrors } from '../../portal/form-fields.js';
import type { View } from '../../portal/view.js';
import type { OrgRow } from '../organisations/index.js';
import { submitComment } from './comments.commands.js';
import { listPublishedFaq } from './faq.repo.js';
import { CommentBody, FAQ_LIMITS, SolicitationStatus } from './participation.schemas.js';
import { FAQ_PATH, queryPage, queryText, solicitationPath, SOLICITATIONS_PATH } from './pages/common.js';
import { renderFaqPage } from './pages/faq.page.js';
import { EMPTY_FORM, renderSolicitationPage, type CommentFormState } from './pages/solicitation.page.js';
import { renderSolicitationListPage } from './pages/solicitations.page.js';
import { findSolicitation, listSolicitations, publishedItemTitle, solicitationDetail } from './solicitations.repo.js';

/**
 * The portal's 在线问答 and 意见征集 pages and the comment form (docs/product.md M5). They show what changes with the clock
 * (a solicitation opens and closes by itself) and with moderation, so they are rendered afresh on every request
 * and never cached: `variant` answers null.
 */

const FAQ_PAGE_SIZE = 50;
const LIST_PAGE_SIZE = 20;
const COMMENTS_PAGE_SIZE = 50;
const fresh = () => null;

async function faqPage(ctx: AppContext, view: View, agency: OrgRow, query: Record<string, unknown>): Promise<PageOutcome> {
  const q = queryText(query, 'q', 200);
  const category = queryText(query, 'category', FAQ_LIMITS.category);
  const page = queryPage(query);
  const list = await listPublishedFaq(ctx, agency.id, { q, category: category || undefined, page, pageSize: FAQ_PAGE_SIZE });
  return { content: renderFaqPage(view, { agency, q, category, page, pageSize: FAQ_PAGE_SIZE, list }) };
}

async function listPage(ctx: AppContext, view: View, agency: OrgRow, query: Record<string, unknown>): Promise<PageOutcome> {
  const parsed = SolicitationStatus.safeParse(queryText(query, 'status', 20));
  const status = parsed.success ? parsed.data : '';
  const page = queryPage(query);
  const list = await listSolicitations(ctx, agency.id, { status: status || undefined, page, pageSize: LIST_PAGE_SIZE });
  return { content: renderSolicitationListPage(view, { agency, status, page, pageSize: LIST_PAGE_SIZE, ...list }) };
}

/** The solicitation of this site's agency named in the address, or a 404 page. */
async function siteSolicitation(ctx: AppContext, agency: OrgRow, id: string | undefined) {
  if (!id || id.length > 64) throw notFound('意见征集不存在');
  const row = await findSolicitation(ctx, id);
  if (row.agency_id !== agency.id) throw notFound('意见征集不存在');
  return row;
}

async function detailPage(
  ctx: AppContext,
  view: View,
  agency: OrgRow,
  id: string | undefined,
  options: { page: number; submitted: boolean; form: CommentFormState; status?: number },
): Promise<PageOutcome> {
  const row = await siteSolicitation(ctx, agency, id);
  const detail = await solicitationDetail(ctx, row, options.page, COMMENTS_PAGE_SIZE);
  const item = row.item_id ? await publishedItemTitle(ctx.db.kysely, row.item_id) : null;
  const content = renderSolicitationPage(view, { agency, detail, relatedItem: item, page: options.page, submitted: options.submitted, form: options.form });
  return { content, ...(options.status ? { status: options.status } : {}) };
}

export const PARTICIPATION_PAGES: SitePage[] = [
  { id: 'faq', path: FAQ_PATH, readsQuery: true, variant: fresh, render: (ctx, view, agency, query) => faqPage(ctx, view, agency, query) },
  { id: 'solicitations', path: SOLICITATIONS_PATH, readsQuery: true, variant: fresh, render: (ctx, view, agency, query) => listPage(ctx, view, agency, query) },
  {
    id: 'solicitation',
    path: `${SOLICITATIONS_PATH}/:id`,
    readsQuery: true,
    variant: fresh,
    render: (ctx, view, agency, query, req) =>
      detailPage(ctx, view, agency, req.params.id, { page: queryPage(query), submitted: queryText(query, 'submitted', 1) === '1', form: EMPTY_FORM }),
  },
];

/** Form fields the page shows an error beside; any other problem is said for the whole form. */
const FORM_FIELDS = new Set(['name', 'contact', 'content', 'challengeAnswer']);

/**
 * POST /solicitations/{id}/comments: the comment form. A valid comment goes in pending and the reader is sent
 * back to the page with a notice; otherwise the page comes back with the problems, the text kept and — when the
 * submission limits ask for it — the challenge question.
 */
const commentForm: SiteForm = {
  id: 'solicitation-comment',
  path: `${SOLICITATIONS_PATH}/:id/comments`,
  async submit(ctx, view, agency, { fields, req, request }) {
    const id = request.params.id;
    await siteSolicitation(ctx, agency, id);
    const values = { name: fields.name ?? '', contact: fields.contact ?? '', content: fields.content ?? '' };
    const again = (errors: Record<string, string>, status: number, challenge: Challenge | null = null) =>
      detailPage(ctx, view, agency, id, { page: 1, submitted: false, form: { values, errors, challenge }, status });
    const parsed = CommentBody.safeParse({
      ...values,
      challengeToken: fields.challengeToken || undefined,
      challengeAnswer: fields.challengeAnswer ?? undefined,
    });
    if (!parsed.success) {
      return again(formErrors(fieldErrors(parsed.error), '', FORM_FIELDS), 400);
    }
    try {
      await submitComment({ ctx, principal: null, actor: actorOf(req) }, id!, parsed.data);
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      if (err.status === 428) return again(formErrors(err.fields, err.message, FORM_FIELDS), 200, (err.extra?.challenge as Challenge | undefined) ?? null);
      if (err.status === 400 || err.status === 409 || err.status === 429) return again(formErrors(err.fields, err.message, FORM_FIELDS), err.status);
      throw err;
    }
    return { redirect: `${solicitationPath(id!)}?submitted=1` };
  },
};

export const PARTICIPATION_FORMS: SiteForm[] = [commentForm];
