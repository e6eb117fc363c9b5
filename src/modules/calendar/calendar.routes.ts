import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../shared/context.js';
import { errorResponse } from '../../http/openapi.js';
import { route } from '../../http/route.js';
import { idParam } from '../../shared/validation.js';
import { addOverride, importNotice, removeOverride } from './calendar.commands.js';
import { calendarYear, listNotices, workdaysAdd, workdaysBetween } from './calendar.queries.js';
import {
  CalendarQuery,
  CalendarYearOut,
  ImportNoticeBody,
  NoticeImportedOut,
  NoticeListOut,
  OverrideAddedOut,
  OverrideBody,
  OverrideRemovedOut,
  WorkdaysAddOut,
  WorkdaysAddQuery,
  WorkdaysBetweenOut,
  WorkdaysBetweenQuery,
} from './calendar.schemas.js';

const tags = ['calendar'];

export function registerCalendarRoutes(app: FastifyInstance, ctx: AppContext): void {
  route(app, ctx, {
    method: 'GET',
    url: '/api/v1/workdays/add',
    summary: '某日之后第 N 个工作日（当日不计入），附计算说明',
    tags,
    auth: 'public',
    query: WorkdaysAddQuery,
    responses: {
      200: { description: 'the date and how it was computed', schema: WorkdaysAddOut },
      400: errorResponse('bad input'),
      404: errorResponse('unknown org'),
      422: errorResponse('no calendar for that year'),
    },
    handler: ({ query }) => workdaysAdd(ctx, query),
  });

  route(app, ctx, {
    method: 'GET',
    url: '/api/v1/workdays/between',
    summary: '两日期之间的工作日数（开始日之后，至结束日含当日）',
    tags,
    auth: 'public',
    query: WorkdaysBetweenQuery,
    responses: {
      200: { description: 'count', schema: WorkdaysBetweenOut },
      400: errorResponse('bad input'),
      404: errorResponse('unknown org'),
      422: errorResponse('no calendar'),
    },
    handler: ({ query }) => workdaysBetween(ctx, query),
  });

  route(app, ctx, {
    method: 'GET',
    url: '/api/v1/calendar',
    summary: '一年的法定节假日和调休上班日（含本机关的调整）',
    tags,
    auth: 'public',
    query: CalendarQuery,
    responses: { 200: { description: 'calendar of a year', schema: CalendarYearOut }, 404: errorResponse('unknown org'), 422: errorResponse('no calendar for that year') },
    handler: ({ query }) => calendarYear(ctx, query),
  });

  route(app, ctx, {
    method: 'GET',
    url: '/api/v1/calendar/notices',
    summary: '已导入的节假日通知（全平台与本机关）',
    tags,
    auth: 'public',
    query: z.object({ org: z.string().trim().max(32).optional() }),
    responses: { 200: { description: 'imported notices', schema: NoticeListOut }, 404: errorResponse('unknown org') },
    handler: ({ query }) => listNotices(ctx, query.org),
  });

  route(app, ctx, {
    method: 'POST',
    url: '/api/v1/calendar/notices',
    summary: '导入一年的节假日通知（holiday-cn 格式；org 为 * 表示全平台）',
    tags,
    auth: 'staff',
    body: ImportNoticeBody,
    bodyLimit: 256 * 1024,
    responses: { 200: { description: 'imported', schema: NoticeImportedOut }, 400: errorResponse('invalid notice'), 403: errorResponse('forbidden') },
    handler: ({ body, caller }) => importNotice(caller, body.org, body.notice),
  });

  route(app, ctx, {
    method: 'POST',
    url: '/api/v1/calendar/overrides',
    summary: '本机关增加放假日或调休上班日',
    tags,
    auth: 'staff',
    body: OverrideBody,
    responses: { 201: { description: 'added', schema: OverrideAddedOut }, 400: errorResponse('invalid'), 403: errorResponse('forbidden'), 409: errorResponse('date taken') },
    handler: async ({ body, caller, reply }) => {
      const result = await addOverride(caller, body.org, body);
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
    params: idParam,
    responses: { 200: { description: 'removed', schema: OverrideRemovedOut }, 403: errorResponse('forbidden'), 404: errorResponse('not found') },
    handler: ({ params, caller }) => removeOverride(caller, params.id),
  });
}
