import type { z } from 'zod';
import { ANYWHERE, authorize, scopeFor, type Caller } from '../accounts/index.js';
import type { AppContext } from '../../shared/context.js';
import { agencyOf } from '../organisations/index.js';
import type { Queryable } from '../../db/database.js';
import { categoryHealth, catalogTree, diffCatalogs, type CatalogCategory, type CatalogNode } from './catalog.js';
import { templateCategories } from './catalog.commands.js';
import { catalogVersions, publishedByCategory, publishedCatalog, workingCatalog } from './catalog.repo.js';
import type { CatalogHealthView, CatalogNodeView, CatalogVersionsView, TemplatesView, WorkingCatalogView } from './catalog.schemas.js';
import { CATALOG_TEMPLATES, UPDATE_INTERVALS, updateIntervalDays, type UpdateInterval } from './reference/catalog-templates.js';

type Ctx = Pick<AppContext, 'db'>;

/** An agency's published catalog: its categories and their tree with the published items under each. */
export interface PublicCatalog {
  version: number;
  categories: CatalogCategory[];
  tree: CatalogNode[];
}

/** The agency's published catalog with its published items per category; null before the first publication. */
export async function publicCatalog(q: Queryable, agencyId: string): Promise<PublicCatalog | null> {
  const catalog = await publishedCatalog(q, agencyId);
  if (!catalog) return null;
  const counts = await publishedByCategory(q, agencyId);
  return { ...catalog, tree: catalogTree(catalog.categories, new Map([...counts].map(([c, n]) => [c, n.count]))) };
}

/** The published catalog of the agency (a unit's code names its agency) with its published items per category. */
export async function catalogView(ctx: Ctx, code: string): Promise<CatalogNodeView[]> {
  const agency = await agencyOf(ctx.db.kysely, code);
  return (await publicCatalog(ctx.db.kysely, agency.id))?.tree ?? [];
}

/** The catalog's publication history, newest first. */
export async function versionsView(ctx: Ctx, code: string): Promise<z.infer<typeof CatalogVersionsView>> {
  return { versions: await catalogVersions(ctx.db.kysely, (await agencyOf(ctx.db.kysely, code)).id) };
}

/** The catalog templates and the update intervals a category may have. */
export function templatesView(): z.infer<typeof TemplatesView> {
  return {
    templates: (Object.keys(CATALOG_TEMPLATES) as (keyof typeof CATALOG_TEMPLATES)[]).map((name) => ({ name, categories: templateCategories(name) })),
    updateIntervals: UPDATE_INTERVALS,
  };
}

/** The working catalog and what publishing it would change; for everyone handling items in the agency. */
export async function workingView({ ctx, principal, actor }: Caller, code: string): Promise<z.infer<typeof WorkingCatalogView>> {
  const agency = await agencyOf(ctx.db.kysely, code);
  // Editors of a unit pick categories for their items: anyone handling items anywhere in the agency may read it.
  const within = (['catalog.edit', 'item.create', 'item.edit'] as const).some((a) => {
    const scope = scopeFor(principal, a);
    return scope.all || scope.paths.some((p) => p.startsWith(agency.path) || agency.path.startsWith(p));
  });
  if (!within) await authorize(ctx, principal, actor, 'catalog.edit', agency.path, { type: 'catalog' });
  const working = await workingCatalog(ctx.db.kysely, agency.id);
  const published = await publishedCatalog(ctx.db.kysely, agency.id);
  return { categories: working, publishedVersion: published?.version ?? null, pending: diffCatalogs(published?.categories ?? [], working) };
}

/** 栏目更新监测: the empty categories and those not updated within their interval. */
export async function healthView({ ctx, principal, actor }: Caller, code: string): Promise<z.infer<typeof CatalogHealthView>> {
  const agency = await agencyOf(ctx.db.kysely, code);
  await authorize(ctx, principal, actor, ['catalog.edit', 'stats.read'], ANYWHERE, { type: 'catalog' });
  const catalog = await publishedCatalog(ctx.db.kysely, agency.id);
  const newest = await publishedByCategory(ctx.db.kysely, agency.id);
  const health = categoryHealth(
    catalog?.categories ?? [],
    new Map([...newest].map(([c, n]) => [c, { at: n.newest, count: n.count }])),
    (i) => (i && i in UPDATE_INTERVALS ? updateIntervalDays(i as UpdateInterval) : null),
    ctx.clock(),
  );
  return { categories: health, empty: health.filter((h) => h.empty).length, stale: health.filter((h) => h.stale).length };
}
