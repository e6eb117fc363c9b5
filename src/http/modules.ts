import { accountsModule } from '../modules/accounts/module.js';
import { attachmentsModule } from '../modules/attachments/module.js';
import { auditModule } from '../modules/audit/module.js';
import { calendarModule } from '../modules/calendar/module.js';
import { homeModule } from '../modules/home/module.js';
import { mailModule } from '../modules/mail/module.js';
import { messagesModule } from '../modules/messages/module.js';
import { organisationsModule } from '../modules/organisations/module.js';
import { participationModule } from '../modules/participation/module.js';
import { publishingModule } from '../modules/publishing/module.js';
import { searchModule } from '../modules/search/module.js';
import { forgetUsedChallenges } from '../shared/abuse.js';
import { Hooks } from '../shared/hooks.js';
import type { GongkaiModule } from './module.js';

/** What the platform itself runs besides the modules: the challenge answers of anonymous forms expire. */
const platformModule: GongkaiModule = {
  name: 'platform',
  jobs: [{ name: 'challenge housekeeping', everyMs: 10 * 60_000, run: (ctx) => forgetUsedChallenges(ctx) }],
};

/**
 * Every module of the application, in the order their routes and site pages are registered. Adding a module is
 * adding it here (ARCHITECTURE.md, "Adding a module").
 */
export const MODULES: readonly GongkaiModule[] = [
  platformModule,
  accountsModule,
  organisationsModule,
  auditModule,
  calendarModule,
  publishingModule,
  attachmentsModule,
  searchModule,
  messagesModule,
  participationModule,
  mailModule,
  homeModule,
];

/** The modules' hooks, assembled once per application context. */
export function moduleHooks(): Hooks {
  return new Hooks(MODULES.flatMap((m) => (m.hooks ? [m.hooks] : [])));
}
