/** An error the client caused or may act on: rendered as `{error:{code,message,fields}}` with its status. */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields?: Record<string, string>,
    readonly headers?: Record<string, string>,
    /** Extra members of the error object, e.g. the TOTP enrolment data. */
    readonly extra?: Record<string, unknown>,
  ) {
    super(message);
  }
}

export const validationFailed = (fields: Record<string, string>, message = '提交的内容有误，请检查标出的字段') =>
  new AppError(400, 'validation_failed', message, fields);
export const unauthorized = (message = '请先登录', code = 'unauthorized') => new AppError(401, code, message);
export const forbidden = (message = '没有权限执行此操作') => new AppError(403, 'forbidden', message);
export const notFound = (message = '未找到') => new AppError(404, 'not_found', message);
export const conflict = (message: string, code = 'conflict', fields?: Record<string, string>) =>
  new AppError(409, code, message, fields);
export const tooManyRequests = (message: string, retryAfterSeconds: number) =>
  new AppError(429, 'too_many_requests', message, undefined, { 'retry-after': String(retryAfterSeconds) });
