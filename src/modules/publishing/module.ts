import type { GongkaiModule } from '../../http/module.js';
import { registerAttachmentRoutes } from './attachments.routes.js';
import { seedCatalog } from './catalog.commands.js';
import { registerCatalogRoutes } from './catalog.routes.js';
import { registerItemRoutes } from './items.routes.js';
import { PUBLISHING_FILES, PUBLISHING_PAGES, publishingInvalidates, registerRobots } from './publishing.pages.js';
import { registerRiskRoutes } from './risk.routes.js';
import { scheduledPublishingJob } from './schedule.js';
import { registerWorkbenchRoutes } from './workbench.routes.js';

/** What the publishing module registers with the application (its public API is index.ts). */
export const publishingModule: GongkaiModule = {
  name: 'publishing',
  routes: async (app, ctx) => {
    registerCatalogRoutes(app, ctx);
    registerItemRoutes(app, ctx);
    registerWorkbenchRoutes(app, ctx);
    registerRiskRoutes(app, ctx);
    await registerAttachmentRoutes(app, ctx);
  },
  site: { pages: PUBLISHING_PAGES, files: PUBLISHING_FILES, invalidates: publishingInvalidates, routes: registerRobots },
  // A new agency starts from the plan's catalog (docs/product.md M2), in the transaction that creates it.
  hooks: { agencyCreated: seedCatalog },
  jobs: [scheduledPublishingJob],
};
