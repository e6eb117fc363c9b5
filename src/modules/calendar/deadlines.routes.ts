import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../shared/context.js';
import { notFound, validationFailed } from '../../shared/errors.js';
import { errorResponse } from '../../http/openapi.js';
import { route } from '../../http/route.js';
import { pageQuery } from '../../shared/validation.js';
import { ANYWHERE, authorize } from '../accounts/index.js';
import { scopeFor } from '../accounts/index.js';
import { agencyOrNational } from './calendar.routes.js';
import { DeadlineEventBody, OpenDeadlineBody, PreviewBody } from './calendar.schemas.js';
import { calendarFor } from './calendar.service.js';
import { computeDeadline, standingOf, type DeadlineResult } from './deadline.js';
import { closeDeadline, eventProblem, openDeadline, recordDeadlineEvent, toComputation, type StoredEvent } from './deadlines.commands.js';
import { todayIn } from './days.js';

const tags = ['deadlines'];
const IdParams = z.object({ id: z.string().min(1).max(64) });

export function registerDeadlineRoutes(app: FastifyInstance, ctx: AppContext): void {
  route(app, ctx, {
    method: 'POST',
    url: '/api/v1/deadlines/preview',
    summary: '办理时限计算器：按起算日、时限和暂停/延长事件计算截止日期并说明',
    tags,
    auth: 'public',
    body: PreviewBody,
    responses: { 200: { description: 'the computed deadline with its explanation' }, 400: errorResponse('bad input'), 422: errorResponse('no calendar') },
    handler: async ({ body }) => {
      const agency = await agencyOrNational(ctx, body.org);
      const history: StoredEvent[] = [{ type: 'start', date: body.start, workingDays: body.workingDays }];
      body.events.forEach((e, i) => {
        const problem = eventProblem(history, e);
        if (problem) throw validationFailed({ [`events.${i}.date`]: problem }, problem);
        history.push(e);
      });
      return computeDeadline(await calendarFor(ctx, agency?.id ?? ''), toComputation(history));
    },
  });

  route(app, ctx, {
    method: 'GET',
    url: '/api/v1/deadlines',
    summary: '办理时限列表（限于本人可见机构），按截止日期排序',
    tags,
    auth: 'staff',
    query: z.object({ org: z.string().trim().max(32).optional(), state: z.enum(['open', 'closed']).default('open'), ...pageQuery }),
    responses: { 200: { description: 'deadlines' }, 403: errorResponse('forbidden') },
    handler: async ({ query, principal, actor }) => {
      await authorize(ctx, principal, actor, 'org.read', ANYWHERE, { type: 'deadline' });
      const scope = scopeFor(principal, 'org.read');
      let q = ctx.db.kysely
        .selectFrom('deadlines as d')
        .innerJoin('organisations as o', 'o.id', 'd.agency_id')
        .where('d.state', '=', query.state);
      if (!scope.all) q = q.where((eb) => eb.or(scope.paths.map((p) => eb('o.path', 'like', `${p}%`))));
      if (query.org) {
        const agency = await agencyOrNational(ctx, query.org);
        q = q.where('d.agency_id', '=', agency!.id);
      }
      const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      const rows = await q
        .select(['d.id', 'd.label', 'd.subject_type', 'd.subject_id', 'd.status', 'd.due_date', 'd.created_at', 'd.closed_at', 'o.code as org', 'o.timezone'])
        .orderBy('d.due_date')
        .limit(query.pageSize)
        .offset((query.page - 1) * query.pageSize)
        .execute();
      return {
        total: Number(total.n),
        deadlines: await Promise.all(
          rows.map(async (r) => ({
            id: r.id,
            org: r.org,
            label: r.label,
            subjectType: r.subject_type,
            subjectId: r.subject_id,
            status: r.status,
            dueDate: r.due_date,
            ...(await standing(r.org, r.due_date, r.timezone)),
            createdAt: r.created_at,
            closedAt: r.closed_at,
          })),
        ),
      };
    },
  });

  /** Working days left (negative when overdue), in the agency's own calendar and time zone. */
  async function standing(orgCode: string, due: string | null, timezone: string) {
    if (!due) return { remainingWorkingDays: null, overdue: false };
    const agency = await agencyOrNational(ctx, orgCode);
    const calendar = await calendarFor(ctx, agency?.id ?? '');
    return standingOf(calendar, todayIn(timezone, ctx.clock()), due);
  }

  route(app, ctx, {
    method: 'GET',
    url: '/api/v1/deadlines/:id',
    summary: '一个办理时限：事件、截止日期、计算说明和因日历变更产生的调整',
    tags,
    auth: 'staff',
    params: IdParams,
    responses: { 200: { description: 'deadline' }, 403: errorResponse('forbidden'), 404: errorResponse('not found') },
    handler: async ({ params, principal, actor }) => {
      const row = await ctx.db.kysely
        .selectFrom('deadlines as d')
        .innerJoin('organisations as o', 'o.id', 'd.agency_id')
        .selectAll('d')
        .select(['o.code as org', 'o.path', 'o.timezone'])
        .where('d.id', '=', params.id)
        .executeTakeFirst();
      if (!row) throw notFound('时限不存在');
      await authorize(ctx, principal, actor, 'org.read', row.path, { type: 'deadline', id: row.id });
      const events = await ctx.db.kysely.selectFrom('deadline_events').selectAll().where('deadline_id', '=', row.id).orderBy('seq').execute();
      const changes = await ctx.db.kysely.selectFrom('deadline_changes').selectAll().where('deadline_id', '=', row.id).orderBy('at').execute();
      return {
        id: row.id,
        org: row.org,
        label: row.label,
        subjectType: row.subject_type,
        subjectId: row.subject_id,
        state: row.state,
        status: row.status,
        dueDate: row.due_date,
        ...(await standing(row.org, row.due_date, row.timezone)),
        result: JSON.parse(row.result) as DeadlineResult,
        events: events.map((e) => ({ seq: e.seq, type: e.type, ...(JSON.parse(e.payload) as object), recordedBy: e.recorded_by, recordedAt: e.recorded_at })),
        changes: changes.map((c) => ({ at: c.at, cause: c.cause, beforeDue: c.before_due, afterDue: c.after_due })),
        version: row.version,
      };
    },
  });

  route(app, ctx, {
    method: 'POST',
    url: '/api/v1/deadlines',
    summary: '新建办理时限（如督办事项）',
    tags,
    auth: 'staff',
    body: OpenDeadlineBody,
    responses: { 201: { description: 'created' }, 400: errorResponse('invalid'), 403: errorResponse('forbidden'), 422: errorResponse('no calendar') },
    handler: async ({ body, principal, actor, reply }) => {
      const agency = await agencyOrNational(ctx, body.org);
      await authorize(ctx, principal, actor, 'deadline.manage', agency!.path, { type: 'deadline' });
      const id = await ctx.db.kysely.transaction().execute((trx) =>
        openDeadline(trx, ctx, actor, { agencyId: agency!.id, subjectType: body.subjectType, subjectId: body.subjectId ?? null, label: body.label, start: body.start, workingDays: body.workingDays }),
      );
      reply.code(201);
      return { id };
    },
  });

  route(app, ctx, {
    method: 'POST',
    url: '/api/v1/deadlines/:id/events',
    summary: '记录暂停、恢复、延长或重新起算',
    tags,
    auth: 'staff',
    params: IdParams,
    body: DeadlineEventBody,
    responses: { 200: { description: 'recomputed deadline' }, 400: errorResponse('invalid'), 403: errorResponse('forbidden'), 409: errorResponse('closed') },
    handler: async ({ params, body, principal, actor }) => {
      const path = await deadlinePath(ctx, params.id);
      await authorize(ctx, principal, actor, 'deadline.manage', path, { type: 'deadline', id: params.id });
      return ctx.db.kysely.transaction().execute((trx) => recordDeadlineEvent(trx, ctx, actor, params.id, body));
    },
  });

  route(app, ctx, {
    method: 'POST',
    url: '/api/v1/deadlines/:id/close',
    summary: '结束办理时限',
    tags,
    auth: 'staff',
    params: IdParams,
    responses: { 204: { description: 'closed' }, 403: errorResponse('forbidden'), 409: errorResponse('already closed') },
    handler: async ({ params, principal, actor, reply }) => {
      const path = await deadlinePath(ctx, params.id);
      await authorize(ctx, principal, actor, 'deadline.manage', path, { type: 'deadline', id: params.id });
      await ctx.db.kysely.transaction().execute((trx) => closeDeadline(trx, ctx, actor, params.id));
      reply.code(204);
      return null;
    },
  });
}

async function deadlinePath(ctx: AppContext, id: string): Promise<string> {
  const row = await ctx.db.kysely
    .selectFrom('deadlines as d')
    .innerJoin('organisations as o', 'o.id', 'd.agency_id')
    .select('o.path')
    .where('d.id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound('时限不存在');
  return row.path;
}
