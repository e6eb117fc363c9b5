import type { GongkaiModule } from '../../http/module.js';
import { registerInboxRoutes } from './inbox.routes.js';
import { registerInteractionRoutes } from './interaction.routes.js';
import { MESSAGE_FORMS, MESSAGE_PAGES } from './messages.pages.js';
import { registerMessageRoutes } from './messages.routes.js';
import { offerAnswerForFaq } from './qa.js';
import { remindersJob } from './reminders.js';
import { eraseExpiredPersonalData } from './retention.js';

/** What the messages module registers with the application (its public API is index.ts). */
export const messagesModule: GongkaiModule = {
  name: 'messages',
  routes: (app, ctx) => {
    registerMessageRoutes(app, ctx);
    registerInboxRoutes(app, ctx);
    registerInteractionRoutes(app, ctx);
  },
  site: { pages: MESSAGE_PAGES, forms: MESSAGE_FORMS },
  // The FAQ promotes answered messages without reading them itself.
  hooks: { answerForFaq: offerAnswerForFaq },
  jobs: [
    // Citizens' personal data past the agency's retention period after closing (their files go with the next sweep).
    { name: 'personal data retention', everyMs: 10 * 60_000, run: (ctx) => eraseExpiredPersonalData(ctx) },
    remindersJob,
  ],
};
