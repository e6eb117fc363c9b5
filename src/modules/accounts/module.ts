import type { GongkaiModule } from '../../http/module.js';
import { forgetExpiredSessions } from './housekeeping.js';
import { expireOverdueResets } from './resets.commands.js';
import { registerResetRoutes } from './resets.routes.js';
import { registerSessionRoutes } from './session.routes.js';
import { registerUserRoutes } from './users.routes.js';

/** What the accounts module registers with the application (its public API is index.ts). */
export const accountsModule: GongkaiModule = {
  name: 'accounts',
  routes: (app, ctx) => {
    registerSessionRoutes(app, ctx);
    registerUserRoutes(app, ctx);
    registerResetRoutes(app, ctx);
  },
  jobs: [
    // Sessions past their timeouts, old sign-in attempts, and reset requests nobody answered in time
    // (also expired whenever requests are read or decided).
    { name: 'accounts housekeeping', everyMs: 10 * 60_000, run: async (ctx) => ({ ...(await forgetExpiredSessions(ctx)), resets: await expireOverdueResets(ctx) }) },
  ],
};
