import type { FastifyInstance } from 'fastify';
import type { SiteContribution } from '../portal/site-api.js';
import type { AppContext } from '../shared/context.js';
import type { HookHandlers } from '../shared/hooks.js';
import type { Job } from '../shared/jobs.js';

/**
 * A module's face to the application: what the app registers for it. The app (http/app.ts) and the command line
 * loop over one list of these (http/modules.ts); nothing else knows which modules exist.
 */
export interface GongkaiModule {
  name: string;
  /** The module's API routes under /api/v1. */
  routes?(app: FastifyInstance, ctx: AppContext): void | Promise<void>;
  /** The module's pages, files and forms of every agency site, and which of its events drop which pages. */
  site?: SiteContribution;
  /** What the module does when another module changes something, in that module's transaction. */
  hooks?: HookHandlers;
  /** Background work; `serve` starts it, tests call a job's `run` directly. */
  jobs?: readonly Job[];
}
