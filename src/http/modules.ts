import { accountsModule } from '../modules/accounts/index.js';
import { attachmentsModule } from '../modules/attachments/index.js';
import { auditModule } from '../modules/audit/index.js';
import { calendarModule } from '../modules/calendar/index.js';
import { homeModule } from '../modules/home/index.js';
import { mailModule } from '../modules/mail/index.js';
import { messagesModule } from '../modules/messages/index.js';
import { organisationsModule } from '../modules/organisations/index.js';
import { participationModule } from '../modules/participation/index.js';
import { publishingModule } from '../modules/publishing/index.js';
import { searchModule } from '../modules/search/index.js';
import { forgetUsedChallenges } from '../shared/abuse.js';
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
