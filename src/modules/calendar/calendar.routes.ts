import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../shared/context.js';
import { notFound } from '../../shared/errors.js';
import { errorResponse } from '../../http/openapi.js';
import { route } from '../../http/route.js';
import { findOrgByCode, type OrgRow } from '../organisations/index.js';
import { addOverride, importNotice, removeOverride } from './calendar.commands.js';
import { DEPLOYMENT_SCOPE, listNoticeRows, listOverrides } from './calendar.repo.js';
import { CalendarQuery, ImportNoticeBody, OverrideBody, WorkdaysAddQuery, WorkdaysBetweenQuery } from './calendar.schemas.js';
import { calendarFor } from './calendar.service.js';
import { computeDeadline } from './deadline.js';
import { todayIn } from './days.js';

const tags = ['calendar'];

/** The agency a calendar question is about; none given means the national calendar. */
export async function agencyOrNational(ctx: AppContext, code: string | undefined): Promise<OrgRow | null> {
  if (!code) return null;
  const org = await findOrgByCode(ctx.db.kysely, code);
  if (!org) throw notFound('机构不存在');
  if (org.kind === 'agency') return org;
  const agency = await ctx.db.kysely.selectFrom('organisations').selectAll().where('id', '=', org.agency_id).executeTakeFirstOrThrow();
  return agency;
}

export function registerCalendarRoutes(app: FastifyInstance, ctx: AppContext): void {
  route(app, ctx, {
    method: 'GET',
    url: '/api/v1/workdays/add',
    summary: '某日之后第 N 个工作日（当日不计入），附计算说明',
    tags,
    auth: 'public',
    query: WorkdaysAddQuery,
    responses: { 200: { description: 'the date and how it was computed' }, 400: errorResponse('bad input'), 422: errorResponse('no calendar for that year') },
    handler: async ({ query }) => {
      const agency = await agencyOrNational(ctx, query.org);
      const calendar = await calendarFor(ctx, agency?.id ?? '');
      const date = calendar.add(query.date, query.n);
      const explanation = query.n > 0 ? computeDeadline(calendar, [{ type: 'start', date: query.date, workingDays: query.n }]) : null;
      return { from: query.date, n: query.n, date, org: agency?.code ?? null, explanation };
    },
  });

  route(app, ctx, {
    method: 'GET',
    url: '/api/v1/workdays/between',
    summary: '两日期之间的工作日数（开始日之后，至结束日含当日）',
    tags,
    auth: 'public',
    query: WorkdaysBetweenQuery,
    responses: { 200: { description: 'count', schema: z.object({ from: z.string(), to: z.string(), workingDays: z.number() }) }, 400: errorResponse('bad input'), 422: errorResponse('no calendar') },
    handler: async ({ query }) => {
      const agency = await agencyOrNational(ctx, query.org);
      const calendar = await calendarFor(ctx, agency?.id ?? '');
      return { from: query.from, to: query.to, workingDays: calendar.between(query.from, query.to) };
    },
  });

  route(app, ctx, {
    method: 'GET',
    url: '/api/v1/calendar',
    summary: '一年的法定节假日和调休上班日（含本机关的调整）',
    tags,
    auth: 'public',
    query: CalendarQuery,
    responses: { 200: { description: 'calendar of a year' }, 404: errorResponse('unknown org'), 422: errorResponse('no calendar for that year') },
    handler: async ({ query }) => {
      const agency = await agencyOrNational(ctx, query.org);
      const calendar = await calendarFor(ctx, agency?.id ?? '');
      const covered = calendar.coveredYears();
      const year = query.year ?? Number(todayIn(agency?.timezone ?? 'Asia/Shanghai', ctx.clock()).slice(0, 4));
      const overrides = agency ? await listOverrides(ctx.db.kysely, agency.id) : [];
      return {
        org: agency?.code ?? null,
        year,
        coveredYears: covered,
        days: calendar.specialDaysOf(year),
        overrides: overrides.map((o) => ({ id: o.id, date: o.date, isOffDay: o.is_off_day === 1, name: o.name, reason: o.reason, createdBy: o.created_by, createdAt: o.created_at })),
      };
    },
  });

  route(app, ctx, {
    method: 'GET',
    url: '/api/v1/calendar/notices',
    summary: '已导入的节假日通知（全平台与本机关）',
    tags,
    auth: 'public',
    query: z.object({ org: z.string().trim().max(32).optional() }),
    responses: { 200: { description: 'imported notices' } },
    handler: async ({ query }) => {
      const agency = await agencyOrNational(ctx, query.org);
      const rows = await listNoticeRows(ctx.db.kysely, agency ? [DEPLOYMENT_SCOPE, agency.id] : [DEPLOYMENT_SCOPE]);
      return {
        notices: rows.map((r) => ({
          id: r.id,
          scope: r.scope === DEPLOYMENT_SCOPE ? DEPLOYMENT_SCOPE : (agency?.code ?? r.scope),
          year: r.year,
          papers: JSON.parse(r.papers) as string[],
          days: (JSON.parse(r.days) as unknown[]).length,
          importedAt: r.imported_at,
          importedBy: r.imported_by,
        })),
      };
    },
  });

  route(app, ctx, {
    method: 'POST',
    url: '/api/v1/calendar/notices',
    summary: '导入一年的节假日通知（holiday-cn 格式；org 为 * 表示全平台）',
    tags,
    auth: 'staff',
    body: ImportNoticeBody,
    bodyLimit: 256 * 1024,
    responses: { 200: { description: 'imported' }, 400: errorResponse('invalid notice'), 403: errorResponse('forbidden') },
    handler: async ({ body, principal, actor }) => importNotice(ctx, principal, actor, body.org, body.notice),
  });

  route(app, ctx, {
    method: 'POST',
    url: '/api/v1/calendar/overrides',
    summary: '本机关增加放假日或调休上班日',
    tags,
    auth: 'staff',
    body: OverrideBody,
    responses: { 201: { description: 'added' }, 400: errorResponse('invalid'), 403: errorResponse('forbidden'), 409: errorResponse('date taken') },
    handler: async ({ body, principal, actor, reply }) => {
      const result = await addOverride(ctx, principal, actor, body.org, body);
      reply.code(201);
      return result;
    },
  });

  route(app, ctx, {
    method: 'DELETE',
    url: '/api/v1/calendar/overrides/:id',
    summary: '撤销本机关的日历调整',
    tags,
    auth: 'staff',
    params: z.object({ id: z.string().min(1).max(64) }),
    responses: { 200: { description: 'removed' }, 403: errorResponse('forbidden'), 404: errorResponse('not found') },
    handler: async ({ params, principal, actor }) => removeOverride(ctx, principal, actor, params.id),
  });
}
