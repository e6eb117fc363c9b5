import QRCode from 'qrcode';
import { AppError, tooManyRequests, unauthorized, validationFailed } from '../../shared/errors.js';
import { appendAudit, recordAudit, type Actor } from '../audit/index.js';
import { findUserByUsername, loadAssignments } from './accounts.repo.js';
import { claimLoginAttempt, resolveLoginAttempt } from './attempts.js';
import type { Caller, PublicCaller } from './caller.js';
import { dummyPasswordHash, hashPassword, replacementProblem, verifyPassword } from './password.js';
import { TOTP_ROLES } from './roles.js';
import type { LoginInput, SessionOut } from './session.schemas.js';
import { createSession, destroySession } from './sessions.js';
import { generateTotpSecret, otpauthUri, verifyTotp } from './totp.js';

/** The session's cookie token, and what the sign-in answers (the session view without its permissions). */
export interface LoginResult {
  token: string;
  session: SessionOut;
}

const BAD_CREDENTIALS = '用户名或密码错误';

type User = NonNullable<Awaited<ReturnType<typeof findUserByUsername>>>;
type TotpUpdate = { totp_secret?: string; totp_pending_secret?: null; totp_last_step: number };

/**
 * Signs a staff member in: lockout claim → password → replacement of a one-time password → second factor (with
 * first-time enrolment) → new session. Every outcome is audited; a success's record is written with the session.
 * The attempt is recorded before the password is checked (attempts.ts), so parallel guesses cannot outrun the lockout.
 * A session the caller already has ends first: every sign-in gets a new one (no fixation of an old cookie).
 */
export async function login(caller: PublicCaller, input: LoginInput, userAgent: string | null): Promise<LoginResult> {
  const { ctx } = caller;
  const { db } = ctx;
  if (caller.principal) await destroySession(db.kysely, caller.principal.sessionId);
  const now = ctx.clock();
  const meta = { ip: caller.actor.ip ?? '', userAgent, requestId: caller.actor.requestId ?? '' };
  const actor: Actor = { id: null, name: input.username.slice(0, 64), roles: [], ip: caller.actor.ip, requestId: caller.actor.requestId };

  const claim = await claimLoginAttempt(db, input.username, meta.ip, now);
  if (claim.locked) {
    await recordAudit(ctx, actor, { action: 'auth.login', outcome: 'denied', summary: { reason: `${claim.locked}-locked` } });
    throw claim.locked === 'address'
      ? tooManyRequests('登录失败次数过多，请稍后再试', claim.seconds)
      : tooManyRequests(`该账号因多次登录失败已暂时锁定，请 ${Math.ceil(claim.seconds / 60)} 分钟后再试`, claim.seconds);
  }
  const { attemptId } = claim;
  /** Ends the attempt without counting it as a failure: the password was right, a further step is asked for. */
  const nextStep = async (error: AppError) => {
    await resolveLoginAttempt(db.kysely, attemptId, 'neutral');
    return error;
  };

  const user = await findUserByUsername(db.kysely, input.username);
  const passwordOk = await verifyPassword(user?.password_hash ?? (await dummyPasswordHash()), input.password);
  // The attempt is already recorded as a failure: a refusal only adds its audit record.
  const fail = async (reason: string, message = BAD_CREDENTIALS, code = 'invalid_credentials') => {
    await db.kysely.transaction().execute((trx) =>
      appendAudit(trx, ctx, { ...actor, id: user?.id ?? null }, {
        action: 'auth.login',
        outcome: 'failure',
        objectType: 'user',
        ...(user ? { objectId: user.id } : {}),
        summary: { reason },
      }),
    );
    return unauthorized(message, code);
  };
  if (!user || !passwordOk) throw await fail(user ? 'bad-password' : 'unknown-user');
  if (user.status !== 'active') throw await fail('disabled', '该账号已停用，请联系安全管理员');

  const replacement = user.must_change_password ? await checkReplacement(input, user, nextStep) : null;

  const assignments = await loadAssignments(db.kysely, user.id);
  const roles = [...new Set(assignments.map((a) => a.role))];
  const needsTotp = roles.some((r) => TOTP_ROLES.includes(r));
  let totpUpdate: TotpUpdate | undefined;
  if (needsTotp) {
    const secret = user.totp_secret ?? user.totp_pending_secret;
    if (!input.totp) {
      if (user.totp_secret) throw await nextStep(new AppError(401, 'totp_required', '请输入动态验证码'));
      const pending = user.totp_pending_secret ?? generateTotpSecret();
      if (!user.totp_pending_secret) {
        await db.kysely.updateTable('users').set({ totp_pending_secret: pending }).where('id', '=', user.id).execute();
      }
      throw await nextStep(await enrolmentRequired(user.username, pending));
    }
    const step = secret ? verifyTotp(secret, input.totp, now, user.totp_last_step) : null;
    if (step === null) throw await fail('bad-totp', '动态验证码错误或已使用', 'totp_invalid');
    totpUpdate = user.totp_secret
      ? { totp_last_step: step }
      : { totp_secret: secret!, totp_pending_secret: null, totp_last_step: step };
  }
  const newHash = replacement ? await hashPassword(replacement) : null;

  return db.kysely.transaction().execute(async (trx) => {
    await resolveLoginAttempt(trx, attemptId, 'success');
    await trx
      .updateTable('users')
      .set({
        last_login_at: now.toISOString(),
        ...(totpUpdate ?? {}),
        ...(newHash ? { password_hash: newHash, password_changed_at: now.toISOString(), must_change_password: 0 } : {}),
      })
      .where('id', '=', user.id)
      .execute();
    const session = await createSession(trx, ctx, user.id, { ...meta, totpVerified: needsTotp });
    const self = { ...actor, id: user.id, roles };
    if (newHash) await appendAudit(trx, ctx, self, { action: 'user.change-password', objectType: 'user', objectId: user.id, summary: { replacedOneTime: true } });
    await appendAudit(trx, ctx, self, {
      action: 'auth.login',
      objectType: 'user',
      objectId: user.id,
      summary: totpUpdate && 'totp_secret' in totpUpdate ? { totpEnrolled: true } : {},
    });
    return {
      token: session.token,
      session: { user: { id: user.id, username: user.username, displayName: user.display_name, roles }, csrfToken: session.csrfToken },
    };
  });
}

/** Signs out: the session ends, recorded in the audit log. */
export async function logout(caller: Caller): Promise<void> {
  const { ctx, principal, actor } = caller;
  await ctx.db.kysely.transaction().execute(async (trx) => {
    await destroySession(trx, principal.sessionId);
    await appendAudit(trx, ctx, actor, { action: 'auth.logout', objectType: 'user', objectId: principal.userId });
  });
}

/**
 * An account whose password is a one-time password (from a reset, or given when it was created) signs in only
 * together with its replacement:
 * nobody but the owner then knows the password the account goes on with.
 */
async function checkReplacement(input: LoginInput, user: User, nextStep: (e: AppError) => Promise<AppError>): Promise<string> {
  if (!input.newPassword) {
    throw await nextStep(new AppError(401, 'password_change_required', '您的密码是管理员设置的一次性密码，请设置新密码后登录'));
  }
  const problem = replacementProblem(input.newPassword, input.password, user.username, '一次性密码');
  if (problem) throw await nextStep(validationFailed({ newPassword: problem }));
  return input.newPassword;
}

async function enrolmentRequired(username: string, secret: string): Promise<AppError> {
  const uri = otpauthUri(secret, username);
  return new AppError(
    401,
    'totp_enrollment_required',
    '管理员账号需要绑定动态验证码：请用验证器应用扫描二维码，然后输入 6 位验证码',
    undefined,
    undefined,
    { enrollment: { secret, otpauthUri: uri, qrSvg: await QRCode.toString(uri, { type: 'svg', margin: 1 }) } },
  );
}
