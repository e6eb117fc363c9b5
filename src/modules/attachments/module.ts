import type { GongkaiModule } from '../../http/module.js';
import { sweepAttachmentFiles } from './attachments.commands.js';
import { registerAttachmentRoutes } from './attachments.routes.js';

/** What the attachments module registers with the application (its public API is index.ts). */
export const attachmentsModule: GongkaiModule = {
  name: 'attachments',
  routes: registerAttachmentRoutes,
  // Stored files no attachment row references (a crash between writing a file and committing its row, or erased data).
  jobs: [{ name: 'attachment files sweep', everyMs: 10 * 60_000, run: (ctx) => sweepAttachmentFiles(ctx) }],
};
