import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { OrganisationTable } from '../db/schema.js';
import type { Selectable } from 'kysely';
import type { AppContext } from '../shared/context.js';
import type { PageContent } from './layout.js';
import type { View } from './view.js';

/**
 * What a module gives the portal (its `site` in the module's descriptor) and what the portal gives back. The portal
 * knows no module: it serves the pages, files and forms registered here for every agency site, caches them, and lets
 * each module say which of its domain events drop which pages.
 */

/** The agency a site belongs to: a row of `organisations` (kind 'agency'). */
export type Agency = Selectable<OrganisationTable>;

/** What a page may know about its request besides the query: route parameters, the site-relative path, the origin. */
export interface PageRequest {
  /** Route parameters (decoded), e.g. `{ id }` of `/items/:id`. */
  params: Record<string, string | undefined>;
  /** The path inside the site ('/items/…'), without the `/sites/{code}` prefix and without the query. */
  path: string;
  /** BASE_URL, else the request's scheme and host: for absolute addresses (feeds, Open Graph). */
  origin: string;
}

/** A rendered page with what the cache needs to know: its status (200 unless said) and what it shows (`tags`). */
export interface PageOutcome {
  content: PageContent;
  status?: number;
  /**
   * What the page shows besides the agency's profile, so that a module's change event drops exactly the pages it
   * affects (see PageCache.invalidateTags). Untagged pages change only with `org.changed` (and `calendar.changed`).
   */
  tags?: readonly string[];
}

/** A page of every agency site: its path inside the site (Fastify syntax, `:param` allowed) and how it gets its data. */
export interface SitePage {
  id: string;
  path: string;
  /**
   * The page reads its query string (besides `lang`), e.g. a form submitted with GET: such requests are
   * rendered afresh and never cached; only the plain address is.
   */
  readsQuery?: boolean;
  /**
   * The page reads its query string, and these readings are few and bounded (a page number, a sort order): each
   * variant is cached under the key returned; null renders afresh without caching.
   */
  variant?(query: Record<string, unknown>): string | null;
  /** The page contains absolute addresses (built from `origin`). */
  usesOrigin?: boolean;
  render(ctx: AppContext, view: View, agency: Agency, query: Record<string, unknown>, req: PageRequest): Promise<PageContent | PageOutcome>;
}

/** A non-HTML resource of every agency site (feed, sitemap): cached and invalidated like pages, always with absolute addresses. */
export interface SiteFile {
  id: string;
  path: string;
  type: string | ((req: PageRequest) => string);
  render(ctx: AppContext, agency: Agency, base: string, req: PageRequest): Promise<{ body: string; status?: number; tags?: readonly string[] }>;
}

/** A file sent with a portal form (multipart), read into memory within the form's limits. */
export interface FormFile {
  field: string;
  filename: string;
  data: Buffer;
  /** The plugin cut the file at the limit: it is larger than `maxFileBytes`. */
  truncated: boolean;
}

export interface FormInput {
  /** The form's fields; a repeated field keeps its last value. */
  fields: Record<string, string>;
  files: FormFile[];
  req: FastifyRequest;
  request: PageRequest;
}

/** What a form answers: a page (the form again with its errors, a confirmation step) or a redirect inside the site. */
export type FormOutcome = PageOutcome | { redirect: string };

/**
 * A POST form of every agency site (a citizen's message, a comment on a draft policy, a rating). It works
 * without JavaScript: the answer is a page or a 303 to one. Anonymous, so CSRF protection is the same-origin
 * check (a browser always sends Origin, or at least Referer, with a form POST); answers are never cached.
 */
export interface SiteForm {
  id: string;
  path: string;
  /** Accept multipart/form-data with at most this many files of at most `maxFileBytes`. */
  files?: { max: number; maxFileBytes: number };
  submit(ctx: AppContext, view: View, agency: Agency, input: FormInput): Promise<FormOutcome>;
}

/** The page cache as modules see it: drop what a change affects. */
export interface SiteCache {
  /** Every page of one agency (its profile or calendar changed). */
  invalidateAgency(agencyId: string): void;
  /** Every page of every agency (a deployment-wide change), the directory included. */
  invalidateAll(): void;
  /** The agency's pages that show one of these tags (see SitePage's `tags`). */
  invalidateTags(agencyId: string, tags: readonly string[]): void;
}

/** What a module contributes to every agency site. */
export interface SiteContribution {
  pages?: readonly SitePage[];
  files?: readonly SiteFile[];
  forms?: readonly SiteForm[];
  /** Subscribes to the module's domain events and drops the pages they change. */
  invalidates?(ctx: AppContext, cache: SiteCache): void;
  /** Routes that are not pages (a redirect that counts a click, robots.txt), registered beside them. */
  routes?(app: FastifyInstance, ctx: AppContext): void | Promise<void>;
}
