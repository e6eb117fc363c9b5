/** Outgoing mail: an outbox written in the caller's transaction, delivered with retries; deadline reminders. */
import type { GongkaiModule } from '../../http/module.js';
import { mailDeliveryJob } from './delivery.js';
import { remindersJob } from './reminders.js';

export { notifyCitizenAnswered, notifyUnitAssigned } from './notifications.js';

export const mailModule: GongkaiModule = { name: 'mail', jobs: [mailDeliveryJob, remindersJob] };
