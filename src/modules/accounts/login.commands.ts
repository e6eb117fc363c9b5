import QRCode from 'qrcode';
import type { AppContext } from '../../http/context.js';
import { AppError, tooManyRequests, unauthorized } from '../../http/errors.js';
import { appendAudit, recordAudit, type Actor } from '../audit/audit.js';
import {
  countRecentFailures,
  findUserByUsername,
  lastSuccessAt,
  loadAssignments,
  recordLoginAttempt,
} from './accounts.repo.js';
import { LOCKOUT_POLICY, lockSecondsRemaining, windowStart } from './lockout.js';
import { dummyPasswordHash, verifyPassword } from './password.js';
import { TOTP_ROLES } from './roles.js';
import { createSession } from './sessions.js';
import { generateTotpSecret, otpauthUri, verifyTotp } from './totp.js';

export interface LoginInput {
  username: string;
  password: string;
  totp?: string | undefined;
}

export interface LoginMeta {
  ip: string;
  userAgent: string | null;
  requestId: string;
}

export interface LoginResult {
  token: string;
  csrfToken: string;
  user: { id: string; username: string; displayName: string; roles: string[] };
}

const BAD_CREDENTIALS = '用户名或密码错误';

/**
 * Signs a staff member in: lockout check → password → second factor (with first-time enrolment)
 * → new session. Every outcome is audited; a success's record is written with the session.
 */
export async function login(ctx: AppContext, input: LoginInput, meta: LoginMeta): Promise<LoginResult> {
  const { db } = ctx;
  const q = db.kysely;
  const now = ctx.clock();
  const actor: Actor = { id: null, name: input.username.slice(0, 64), roles: [], ip: meta.ip, requestId: meta.requestId };

  const addressFailures = await countRecentFailures(q, 'ip', meta.ip, windowStart(now, null));
  const addressLock = lockSecondsRemaining(addressFailures, LOCKOUT_POLICY.perAddress, now);
  if (addressLock > 0) {
    await recordAudit(ctx, actor, { action: 'auth.login', outcome: 'denied', summary: { reason: 'address-locked' } });
    throw tooManyRequests('登录失败次数过多，请稍后再试', addressLock);
  }
  const accountFailures = await countRecentFailures(
    q,
    'username',
    input.username,
    windowStart(now, await lastSuccessAt(q, input.username)),
  );
  const accountLock = lockSecondsRemaining(accountFailures, LOCKOUT_POLICY.perAccount, now);
  if (accountLock > 0) {
    await recordAudit(ctx, actor, { action: 'auth.login', outcome: 'denied', summary: { reason: 'account-locked' } });
    throw tooManyRequests(`该账号因多次登录失败已暂时锁定，请 ${Math.ceil(accountLock / 60)} 分钟后再试`, accountLock);
  }

  const user = await findUserByUsername(q, input.username);
  const passwordOk = await verifyPassword(user?.password_hash ?? (await dummyPasswordHash()), input.password);
  const fail = async (reason: string, message = BAD_CREDENTIALS, code = 'invalid_credentials') => {
    await db.kysely.transaction().execute(async (trx) => {
      await recordLoginAttempt(trx, input.username, meta.ip, now.toISOString(), false);
      await appendAudit(trx, ctx, { ...actor, id: user?.id ?? null }, {
        action: 'auth.login',
        outcome: 'failure',
        objectType: 'user',
        ...(user ? { objectId: user.id } : {}),
        summary: { reason },
      });
    });
    return unauthorized(message, code);
  };
  if (!user || !passwordOk) throw await fail(user ? 'bad-password' : 'unknown-user');
  if (user.status !== 'active') throw await fail('disabled', '该账号已停用，请联系安全管理员');

  const assignments = await loadAssignments(q, user.id);
  const roles = [...new Set(assignments.map((a) => a.role))];
  const needsTotp = roles.some((r) => TOTP_ROLES.includes(r));
  let totpUpdate: { totp_secret?: string; totp_pending_secret?: null; totp_last_step: number } | undefined;
  if (needsTotp) {
    const secret = user.totp_secret ?? user.totp_pending_secret;
    if (!input.totp) {
      if (user.totp_secret) throw new AppError(401, 'totp_required', '请输入动态验证码');
      const pending = user.totp_pending_secret ?? generateTotpSecret();
      if (!user.totp_pending_secret) {
        await q.updateTable('users').set({ totp_pending_secret: pending }).where('id', '=', user.id).execute();
      }
      throw await enrolmentRequired(user.username, pending);
    }
    const step = secret ? verifyTotp(secret, input.totp, now, user.totp_last_step) : null;
    if (step === null) throw await fail('bad-totp', '动态验证码错误或已使用', 'totp_invalid');
    totpUpdate = user.totp_secret
      ? { totp_last_step: step }
      : { totp_secret: secret!, totp_pending_secret: null, totp_last_step: step };
  }

  return db.kysely.transaction().execute(async (trx) => {
    await recordLoginAttempt(trx, user.username, meta.ip, now.toISOString(), true);
    await trx
      .updateTable('users')
      .set({ last_login_at: now.toISOString(), ...(totpUpdate ?? {}) })
      .where('id', '=', user.id)
      .execute();
    const session = await createSession(trx, ctx, user.id, meta);
    await appendAudit(trx, ctx, { ...actor, id: user.id, roles }, {
      action: 'auth.login',
      objectType: 'user',
      objectId: user.id,
      summary: totpUpdate && 'totp_secret' in totpUpdate ? { totpEnrolled: true } : {},
    });
    return {
      token: session.token,
      csrfToken: session.csrfToken,
      user: { id: user.id, username: user.username, displayName: user.display_name, roles },
    };
  });
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
