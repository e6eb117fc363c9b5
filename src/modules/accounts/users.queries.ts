import { notFound } from '../../shared/errors.js';
import { findOrgRef } from './accounts.repo.js';
import { requirePermission } from './authorize.js';
import type { Caller } from './caller.js';
import { scopeFor } from './roles.js';
import { presentUsers } from './users.present.js';
import { listUsers } from './users.repo.js';
import type { UserListOut, UserListQuery, UserOut } from './users.schemas.js';
import { loadUser } from './users.commands.js';

/** The users in the reader's scope (the policy filter is in the query), optionally under one organisation. */
export async function listUsersFor(caller: Caller, query: UserListQuery): Promise<UserListOut> {
  const q = caller.ctx.db.kysely;
  const org = query.org ? await findOrgRef(q, query.org) : undefined;
  if (query.org && !org) throw notFound('机构不存在');
  const { total, rows } = await listUsers(q, {
    scope: scopeFor(caller.principal, 'user.read'),
    ...(org ? { orgPath: org.path } : {}),
    ...(query.q ? { search: query.q } : {}),
    ...(query.status ? { status: query.status } : {}),
    page: query.page,
    pageSize: query.pageSize,
  });
  return { total, users: await presentUsers(q, rows) };
}

/** One user, to those who may read users of that organisation. */
export async function readUser(caller: Caller, id: string): Promise<UserOut> {
  const user = await loadUser(caller, id);
  await requirePermission(caller, 'user.read', user.org_path, { type: 'user', id: user.id });
  return (await presentUsers(caller.ctx.db.kysely, [user]))[0]!;
}
