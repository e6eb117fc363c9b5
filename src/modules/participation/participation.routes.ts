import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../shared/context.js';
import { registerFaqRoutes } from './faq.routes.js';
import { registerSolicitationRoutes } from './solicitations.routes.js';

/** The API of 在线问答 and 意见征集 (docs/adr/0014-interaction.md). */
export function registerParticipationRoutes(app: FastifyInstance, ctx: AppContext): void {
  registerFaqRoutes(app, ctx);
  registerSolicitationRoutes(app, ctx);
}
