/** Outgoing mail as plain infrastructure: an outbox written in the caller's transaction, delivered with retries. */
export { alreadyQueued, enqueueMail, type OutgoingMail } from './outbox.js';
export { staffAllowed, type StaffRecipient } from './recipients.js';
export { MAIL_FOOTER, mailBody, siteUrl, subjectLine, type MailText } from './texts.js';
