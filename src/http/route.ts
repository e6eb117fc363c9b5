import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ANYWHERE, authorize, scopeFor, type Action, type Caller, type Scope, type StaffPrincipal } from '../modules/accounts/index.js';
import type { z, ZodType } from 'zod';
import type { Actor } from '../modules/audit/index.js';
import type { AppContext } from '../shared/context.js';
import { unauthorized } from '../shared/errors.js';
import { openApiOf, type RouteDoc } from './openapi.js';
import { parseOrThrow } from '../shared/validation.js';

type Infer<S> = S extends ZodType ? z.output<S> : undefined;

export interface RouteInput<B, Q, P, A extends 'public' | 'staff'> {
  body: Infer<B>;
  query: Infer<Q>;
  params: Infer<P>;
  principal: A extends 'staff' ? StaffPrincipal : StaffPrincipal | null;
  actor: Actor;
  /** The command's one caller argument: `{ ctx, principal, actor }`. */
  caller: Caller<A extends 'staff' ? StaffPrincipal : StaffPrincipal | null>;
  /** The principal's scope for the route's `permission` (nothing at all when the route declares none). */
  scope: Scope;
  req: FastifyRequest;
  reply: FastifyReply;
}

export interface RouteSpec<B, Q, P, A extends 'public' | 'staff'> {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  url: string;
  summary: string;
  tags: string[];
  auth: A;
  body?: B;
  query?: Q;
  params?: P;
  responses: RouteDoc['responses'];
  /** Per-route body limit in bytes (default: the server's). */
  bodyLimit?: number;
  /** Per-route rate limit per address, stricter than the global one. */
  rateLimit?: { max: number; timeWindow: number };
  /**
   * A permission the principal must hold somewhere, checked (a refusal audited) after the input is parsed and
   * before the handler, which receives the principal's `scope` for it to narrow its list. For a module that must
   * not depend on the accounts module (audit: accounts write audit records, so the audit log cannot ask accounts
   * who may read it); commands that load what they act on authorise against it themselves.
   */
  permission?: { action: Action; object: string };
  handler: (input: RouteInput<B, Q, P, A>) => Promise<unknown>;
}

/** The scope of a route without a permission: nothing (deny by default). */
const NO_SCOPE: Scope = { all: false, paths: [] };

/**
 * Registers an API route: authenticate → validate → handler. The same zod schemas validate the
 * request and describe it in /api/openapi.json. Authorisation happens in the handler's command,
 * against the organisation the command loads.
 */
export function route<
  B extends ZodType | undefined = undefined,
  Q extends ZodType | undefined = undefined,
  P extends ZodType | undefined = undefined,
  A extends 'public' | 'staff' = 'staff',
>(app: FastifyInstance, ctx: AppContext, spec: RouteSpec<B, Q, P, A>): void {
  openApiOf(ctx).add({
    method: spec.method,
    url: spec.url,
    summary: spec.summary,
    tags: spec.tags,
    auth: spec.auth,
    body: spec.body,
    query: spec.query,
    params: spec.params,
    responses: spec.responses,
  });
  app.route({
    method: spec.method,
    url: spec.url,
    ...(spec.bodyLimit ? { bodyLimit: spec.bodyLimit } : {}),
    ...(spec.rateLimit ? { config: { rateLimit: spec.rateLimit } } : {}),
    handler: async (req, reply) => {
      const principal = req.principal;
      if (spec.auth === 'staff' && !principal) throw unauthorized();
      const actor = actorOf(req);
      const parsed = {
        body: (spec.body ? parseOrThrow(spec.body, req.body ?? {}) : undefined) as Infer<B>,
        query: (spec.query ? parseOrThrow(spec.query, req.query ?? {}) : undefined) as Infer<Q>,
        params: (spec.params ? parseOrThrow(spec.params, req.params ?? {}) : undefined) as Infer<P>,
        principal: principal as RouteInput<B, Q, P, A>['principal'],
        actor,
        caller: { ctx, principal: principal as RouteInput<B, Q, P, A>['principal'], actor },
        req,
        reply,
      };
      let scope = NO_SCOPE;
      if (spec.permission) {
        if (!principal) throw unauthorized();
        await authorize(ctx, principal, actor, spec.permission.action, ANYWHERE, { type: spec.permission.object });
        scope = scopeFor(principal, spec.permission.action);
      }
      return spec.handler({ ...parsed, scope });
    },
  });
}

export function actorOf(req: FastifyRequest): Actor {
  const p = req.principal;
  return {
    id: p?.userId ?? null,
    name: p?.username ?? 'anonymous',
    roles: p ? [...new Set(p.assignments.map((a) => a.role))] : [],
    ip: req.ip,
    requestId: String(req.id),
  };
}

declare module 'fastify' {
  interface FastifyRequest {
    principal: StaffPrincipal | null;
  }
}
