/** Citizens' messages (docs/adr/0014): submission, handling by the office and units, public answers, ratings, reminders. */
export { assignMessage, replyToMessage } from './handling.commands.js';
export { publishAnswer } from './publication.commands.js';
export { submitMessage } from './submit.commands.js';
export { canonicalTrackingCode } from './tracking.js';
