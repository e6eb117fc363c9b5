export { query } from './shared/query.js';

// The console's only way to the server: JSON over /api/v1 with the session cookie and the CSRF token.

/** Error answer of the API: `{error:{code,message,fields?,requestId}}`, plus extra members such as `enrollment`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: Record<string, string> = {},
    readonly requestId: string | undefined = undefined,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

// The CSRF token lives only in memory: a reload asks GET /api/v1/session for it again.
let csrfToken: string | null = null;
let onUnauthorized: (() => void) | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called when the server says the session is gone (expired, signed out elsewhere, account disabled). */
export function setUnauthorizedHandler(handler: (() => void) | null): void {
  onUnauthorized = handler;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RequestOptions {
  /** Do not treat a 401 as "session gone" (sign-in, and the first session probe). */
  allow401?: boolean;
}

export async function request<T>(method: Method, path: string, body?: unknown, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  // A FormData body (file uploads) sets its own multipart content type with the boundary.
  const multipart = typeof FormData !== 'undefined' && body instanceof FormData;
  if (body !== undefined && !multipart) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      ...(body !== undefined ? { body: multipart ? (body) : JSON.stringify(body) } : {}),
    });
  } catch {
    throw new ApiError(0, 'network_error', '无法连接服务器，请检查网络后重试');
  }
  if (res.status === 204) return undefined as T;
  const data: unknown = await res.json().catch(() => null);
  if (res.ok) return data as T;
  const err = (data as { error?: Record<string, unknown> } | null)?.error ?? {};
  const { code, message, fields, requestId, ...details } = err;
  const apiError = new ApiError(
    res.status,
    typeof code === 'string' ? code : 'http_' + res.status,
    typeof message === 'string' ? message : `请求失败（${res.status}）`,
    (fields as Record<string, string> | undefined) ?? {},
    typeof requestId === 'string' ? requestId : undefined,
    details,
  );
  if (res.status === 401 && !options.allow401) onUnauthorized?.();
  throw apiError;
}

export const api = {
  get: <T>(path: string, options?: RequestOptions) => request<T>('GET', path, undefined, options),
  post: <T>(path: string, body?: unknown, options?: RequestOptions) => request<T>('POST', path, body ?? {}, options),
  put: <T = void>(path: string, body: unknown) => request<T>('PUT', path, body),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, body),
  /** multipart/form-data: a file and its fields. */
  upload: <T>(path: string, form: FormData) => request<T>('POST', path, form),
  delete: <T = void>(path: string) => request<T>('DELETE', path),
};
