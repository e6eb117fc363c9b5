import type { Kysely } from 'kysely';
import type { Dialect } from '../database.js';

/**
 * Account security (docs/adr/0005-authentication.md): how a session was authenticated, so administrator roles
 * are only effective on a session signed in with the second factor; passwords an administrator handed out that
 * the owner must replace; and two-person resets of the administrators' credentials.
 */
export async function up(db: Kysely<unknown>, _dialect: Dialect): Promise<void> {
  /** When the session's sign-in verified a TOTP code; null = password only. */
  await db.schema.alterTable('sessions').addColumn('totp_verified_at', 'text').execute();
  /** 1 = the password is a one-time password from a reset: the next sign-in must replace it. */
  await db.schema
    .alterTable('users')
    .addColumn('must_change_password', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  await db.schema
    .createTable('credential_resets')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    /** 'password' | 'totp' */
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    /** 'pending' | 'approved' | 'refused' | 'expired' */
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('requested_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('requested_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'text', (c) => c.references('users.id'))
    .addColumn('decided_at', 'text')
    .addColumn('comment', 'text')
    .execute();
  await db.schema.createIndex('credential_resets_state').on('credential_resets').columns(['state', 'expires_at']).execute();
  await db.schema.createIndex('credential_resets_user').on('credential_resets').columns(['user_id', 'state']).execute();
}
