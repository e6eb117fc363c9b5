/** Outgoing mail: an outbox written in the caller's transaction, delivered with retries; deadline reminders. */
export { notifyCitizenAnswered, notifyUnitAssigned } from './notifications.js';
