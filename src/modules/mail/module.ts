import type { GongkaiModule } from '../../http/module.js';
import { mailDeliveryJob } from './delivery.js';
import { remindersJob } from './reminders.js';

/** What the mail module registers with the application (its public API is index.ts). */
export const mailModule: GongkaiModule = { name: 'mail', jobs: [mailDeliveryJob, remindersJob] };
