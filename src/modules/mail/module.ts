import type { GongkaiModule } from '../../http/module.js';
import { mailDeliveryJob } from './delivery.js';

/** What the mail module registers with the application (its public API is index.ts): the delivery of the outbox. */
export const mailModule: GongkaiModule = { name: 'mail', jobs: [mailDeliveryJob] };
