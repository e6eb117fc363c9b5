/** Citizens' messages (docs/adr/0014): submission, handling by the office and units, public answers, ratings. */
export { contactKey, isEmail } from '../../shared/contact.js';
export { assignMessage, replyToMessage } from './handling.commands.js';
export { publishAnswer } from './publication.commands.js';
export { submitMessage } from './submit.commands.js';
export { canonicalTrackingCode, newTrackingCode } from './tracking.js';
export { DEFAULT_DUE_SOON_DAYS, isMessageType, TYPE_LABELS } from './types.js';
