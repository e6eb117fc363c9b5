import { AppError } from '../../shared/errors.js';
import type { PageOutcome, SiteForm, SitePage } from '../../portal/site-api.js';
import type { Challenge } from '../../shared/abuse.js';
import { actorOf } from '../../http/route.js';
import { fieldErrors } from '../../shared/validation.js';
import { formErrors } from '../../portal/form-fields.js';
import type { View } from '../../portal/view.js';
import type { AppContext } from '../../shared/context.js';
import type { OrgRow } from '../organisations/index.js';
import { queryPage, queryText } from '../participation/index.js';
import { presentForCitizen } from './messages.present.js';
import { findByTrackingCode, messageEvents, publishedItemOf } from './messages.repo.js';
import { RatingBody, SubmitBody } from './messages.schemas.js';
import { EMPTY_DRAFT, renderNewMessagePage, type MessageDraft, type NewMessageState } from './pages/new.page.js';
import { INTERACTION_PATH, NEW_MESSAGE_PATH, QA_PATH, TRACK_PATH, trackPath } from './pages/paths.js';
import { QA_PAGE_SIZE, renderInteractionHub, renderQaListPage, renderQaPage } from './pages/qa.page.js';
import { renderTrackPage, type TrackState } from './pages/track.page.js';
import { rateMessage } from './publication.commands.js';
import { listPublishedQa, publishedQa } from './qa.js';
import { loadSettings } from './settings.js';
import { similarQuestions } from './similar.js';
import { MESSAGE_FILE_LIMITS, submitMessage } from './submit.commands.js';
import { canonicalTrackingCode } from './tracking.js';
import { isMessageType } from './types.js';

/**
 * The citizens' pages of messages (docs/product.md M5), without JavaScript: 互动交流 (the hub), 我要留言 in two steps (write;
 * then similar answered questions, attachments and submit), 留言查询 with the answer and the rating form, and the
 * public Q&A. None is cached: they show a tracking code's own state or change with every answer published.
 */

async function correctionItem(ctx: AppContext, agency: OrgRow, id: string) {
  return /^[0-9A-Za-z-]{1,64}$/.test(id) ? publishedItemOf(ctx.db.kysely, agency.id, id) : null;
}

async function newMessageState(ctx: AppContext, agency: OrgRow, draft: MessageDraft, extra: Partial<NewMessageState> = {}): Promise<NewMessageState> {
  const settings = await loadSettings(ctx.db.kysely, agency.id);
  const item = draft.correctionItemId ? await correctionItem(ctx, agency, draft.correctionItemId) : null;
  return { step: 1, draft, errors: {}, limits: settings.replyLimits, correctionItem: item, similar: null, challenge: null, ...extra };
}

async function trackState(ctx: AppContext, typed: string, flags: Partial<TrackState> = {}): Promise<{ state: TrackState; status: number }> {
  const code = canonicalTrackingCode(typed);
  const m = code ? await findByTrackingCode(ctx.db.kysely, code) : undefined;
  const message = m ? presentForCitizen(m, await messageEvents(ctx.db.kysely, m.id)) : null;
  const state: TrackState = { code: typed, message, notFound: !!typed && !message, created: false, rated: false, ratingErrors: {}, ...flags };
  return { state, status: typed && !message ? 404 : 200 };
}

async function trackPage(ctx: AppContext, view: View, agency: OrgRow, typed: string, flags: Partial<TrackState> = {}): Promise<PageOutcome> {
  const { state, status } = await trackState(ctx, typed, flags);
  // A code of another agency's message is looked up on that agency's site only.
  if (state.message && state.message.org !== agency.code) return { content: renderTrackPage(view, agency, { ...state, message: null, notFound: true }), status: 404 };
  return { content: renderTrackPage(view, agency, state), status };
}

const never = () => null;

export const MESSAGE_PAGES: SitePage[] = [
  {
    id: 'interaction',
    path: INTERACTION_PATH,
    variant: never,
    render: async (ctx, view, agency) => {
      const [settings, latest] = await Promise.all([loadSettings(ctx.db.kysely, agency.id), listPublishedQa(ctx, { org: agency.code, page: 1, pageSize: 5 })]);
      return renderInteractionHub(view, { limits: settings.replyLimits, latest: latest.entries });
    },
  },
  {
    id: 'message-new',
    path: NEW_MESSAGE_PATH,
    variant: never,
    render: async (ctx, view, agency, query) => {
      const type = queryText(query, 'type', 20);
      const draft = { ...EMPTY_DRAFT, type: isMessageType(type) ? type : EMPTY_DRAFT.type, correctionItemId: queryText(query, 'item', 64) };
      const state = await newMessageState(ctx, agency, draft);
      if (draft.type === 'correction' && !state.correctionItem) state.draft.type = EMPTY_DRAFT.type;
      return renderNewMessagePage(view, state);
    },
  },
  { id: 'message-track', path: TRACK_PATH, variant: never, render: (ctx, view, agency, query) => trackPage(ctx, view, agency, queryText(query, 'code', 40)) },
  {
    id: 'message-status',
    path: `${TRACK_PATH}/:code`,
    variant: never,
    render: (ctx, view, agency, query, req) => trackPage(ctx, view, agency, req.params.code ?? '', { created: query.created === '1', rated: query.rated === '1' }),
  },
  {
    id: 'qa',
    path: QA_PATH,
    variant: never,
    render: async (ctx, view, agency, query) => {
      const q = queryText(query, 'q', 100);
      const page = queryPage(query);
      const out = await listPublishedQa(ctx, { org: agency.code, q: q || undefined, page, pageSize: QA_PAGE_SIZE });
      return renderQaListPage(view, { q, page, total: out.total, entries: out.entries });
    },
  },
  {
    id: 'qa-entry',
    path: `${QA_PATH}/:id`,
    variant: never,
    render: async (ctx, view, agency, _query, req) => {
      const id = req.params.id ?? '';
      const entry = /^[0-9a-f-]{36}$/.test(id) ? await publishedQa(ctx, id) : undefined;
      if (!entry || entry.org !== agency.code) throw new AppError(404, 'not_found', '该问答不存在或未公开');
      return renderQaPage(view, entry);
    },
  },
];

const DRAFT_FIELDS = new Set(['type', 'title', 'content', 'name', 'contact', 'public', 'correctionItemId']);
const STEP_TWO_FIELDS = new Set(['attachments', 'challengeAnswer']);

function draftOf(fields: Record<string, string>): MessageDraft {
  return {
    type: fields.type ?? '',
    title: fields.title ?? '',
    content: fields.content ?? '',
    name: fields.name ?? '',
    contact: fields.contact ?? '',
    public: fields.public === '1' || fields.public === 'on',
    correctionItemId: fields.correctionItemId ?? '',
  };
}

const newMessageForm: SiteForm = {
  id: 'message-new',
  path: NEW_MESSAGE_PATH,
  files: { max: MESSAGE_FILE_LIMITS.max, maxFileBytes: MESSAGE_FILE_LIMITS.maxFileBytes },
  async submit(ctx, view, agency, { fields, files, req }) {
    const draft = draftOf(fields);
    const page = async (extra: Partial<NewMessageState>, status = 200): Promise<PageOutcome> => ({
      content: renderNewMessagePage(view, await newMessageState(ctx, agency, draft, extra)),
      status,
    });
    if (fields.step === 'edit') return page({ step: 1 });
    const parsed = SubmitBody.safeParse({ ...draft, org: agency.code, public: draft.public, correctionItemId: draft.correctionItemId || undefined });
    if (!parsed.success) return page({ step: 1, errors: fieldErrors(parsed.error) }, 400);
    if (fields.step !== 'confirm') {
      return page({ step: 2, similar: await similarQuestions(ctx, agency.id, `${parsed.data.title} ${parsed.data.content}`) });
    }
    try {
      const out = await submitMessage(
        { ctx, principal: null, actor: actorOf(req) },
        { ...parsed.data, challengeToken: fields.challengeToken || undefined, challengeAnswer: fields.challengeAnswer },
        files.map((f) => ({ filename: f.filename, data: f.data, truncated: f.truncated })),
      );
      return { redirect: `${trackPath(out.trackingCode)}?created=1` };
    } catch (err) {
      if (!(err instanceof AppError) || err.status >= 500 || err.status === 403) throw err;
      const stepOne = Object.keys(err.fields ?? {}).some((k) => DRAFT_FIELDS.has(k));
      const errors = formErrors(err.fields, err.message, stepOne ? DRAFT_FIELDS : STEP_TWO_FIELDS);
      const challenge = err.status === 428 ? ((err.extra?.challenge as Challenge | undefined) ?? null) : null;
      const similar = stepOne ? null : await similarQuestions(ctx, agency.id, `${draft.title} ${draft.content}`);
      return page({ step: stepOne ? 1 : 2, errors, challenge, similar }, err.status === 428 ? 200 : err.status);
    }
  },
};

const ratingForm: SiteForm = {
  id: 'message-rating',
  path: `${TRACK_PATH}/:code/rating`,
  async submit(ctx, view, agency, { fields, req, request }) {
    const typed = request.params.code ?? '';
    const code = canonicalTrackingCode(typed);
    const m = code ? await findByTrackingCode(ctx.db.kysely, code) : undefined;
    if (!m || m.agency_id !== agency.id) return trackPage(ctx, view, agency, typed);
    const parsed = RatingBody.safeParse({ rating: fields.rating ?? '', comment: fields.comment ?? '' });
    try {
      if (!parsed.success) throw new AppError(400, 'validation_failed', '请检查评价', fieldErrors(parsed.error));
      await rateMessage({ ctx, principal: null, actor: actorOf(req) }, m.tracking_code, parsed.data.rating, parsed.data.comment);
    } catch (err) {
      if (!(err instanceof AppError) || err.status >= 500) throw err;
      const out = await trackPage(ctx, view, agency, typed, { ratingErrors: formErrors(err.fields, err.message, new Set(['rating', 'comment'])) });
      return { ...out, status: err.status };
    }
    return { redirect: `${trackPath(m.tracking_code)}?rated=1` };
  },
};

export const MESSAGE_FORMS: SiteForm[] = [newMessageForm, ratingForm];
