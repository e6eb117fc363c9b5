/** Uploads, sniffed by content and stored under DATA_DIR; downloads; text extraction; .docx import (docs/adr/0011). */
import type { GongkaiModule } from '../../http/module.js';
import { sweepAttachmentFiles } from './attachments.commands.js';
import { registerAttachmentRoutes } from './attachments.routes.js';

export { storeOf, sweepAttachmentFiles } from './attachments.commands.js';
export { carryAttachments, listAttachments } from './attachments.repo.js';
export { LIMITS } from './limits.js';
export { contentDisposition, safeName } from './names.js';
export { sniff } from './sniff.js';
export { KIND_INFO, type Kind } from './types.js';

export const attachmentsModule: GongkaiModule = {
  name: 'attachments',
  routes: registerAttachmentRoutes,
  // Stored files no attachment row references (a crash between writing a file and committing its row, or erased data).
  jobs: [{ name: 'attachment files sweep', everyMs: 10 * 60_000, run: (ctx) => sweepAttachmentFiles(ctx) }],
};
