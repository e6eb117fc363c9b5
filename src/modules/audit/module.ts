import type { GongkaiModule } from '../../http/module.js';
import { registerAuditRoutes } from './audit.routes.js';

/** What the audit module registers with the application (its public API is index.ts). */
export const auditModule: GongkaiModule = { name: 'audit', routes: registerAuditRoutes };
