/** Files: uploads sniffed by content and stored under DATA_DIR, their checks and text, .docx conversion, sending them (docs/adr/0011). */
export { docxToHtml } from './docx.js';
export {
  checkFile, identify, imageKind, KIND_LABEL, nameFor, readOneFile, readReceived, receiveOne, storeOf, sweepAttachmentFiles, tooLarge, unsupported, verifyArchive,
  type CommandLog, type Part,
} from './files.js';
export { LIMITS, mib, type Limits } from './limits.js';
export { contentDisposition, safeName } from './names.js';
export { sendStoredFile, type StoredFile } from './serve.js';
export { sniff } from './sniff.js';
export { KIND_INFO, type Kind } from './types.js';
