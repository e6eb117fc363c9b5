/** Uploads, sniffed by content and stored under DATA_DIR; downloads; text extraction; .docx import (docs/adr/0011). */
export { storeOf, sweepAttachmentFiles } from './attachments.commands.js';
export { carryAttachments, listAttachments } from './attachments.repo.js';
export { LIMITS } from './limits.js';
export { contentDisposition, safeName } from './names.js';
export { sniff } from './sniff.js';
export { KIND_INFO, type Kind } from './types.js';
