import type { GongkaiModule } from '../../http/module.js';
import { sweepAttachmentFiles } from './files.js';

/**
 * What the attachments module registers with the application (its public API is index.ts): no routes — the
 * modules whose records have files (publishing's items, messages) serve them — and the sweep of orphaned files.
 */
export const attachmentsModule: GongkaiModule = {
  name: 'attachments',
  // Stored files no attachment row references (a crash between writing a file and committing its row, or erased data).
  jobs: [{ name: 'attachment files sweep', everyMs: 10 * 60_000, run: (ctx) => sweepAttachmentFiles(ctx) }],
};
