import { App, type FormInstance } from 'antd';
import { ApiError } from '../api.js';
import { splitFieldErrors } from './fields.js';

type MessageInstance = ReturnType<typeof App.useApp>['message'];

/** The server's words for a failure, with the request id so that staff can quote it to the administrator. */
export function errorText(e: unknown): string {
  if (e instanceof ApiError) return e.requestId && e.status >= 500 ? `${e.message}（请求号 ${e.requestId}）` : e.message;
  return '操作失败，请稍后再试';
}

/**
 * Shows a failed submission: field errors go under their fields, everything else in a message.
 * A stale version (409) asks the user to reload instead of silently overwriting someone else's change.
 */
export function reportError(e: unknown, message: MessageInstance, form?: FormInstance): void {
  if (e instanceof ApiError && form && Object.keys(e.fields).length > 0) {
    // Nested fields (`extra.amount`, `extraFields.0.key`) are named by their path on the form.
    const paths = new Map(form.getFieldsError().map((f) => [f.name.join('.'), f.name]));
    const { onForm, elsewhere } = splitFieldErrors(e.fields, [...paths.keys()]);
    form.setFields(onForm.map((f) => ({ name: paths.get(f.name) ?? f.name, errors: f.errors })));
    if (elsewhere.length > 0 || onForm.length === 0) void message.error([e.message, ...elsewhere].join('；'));
    else void message.error(e.message);
    return;
  }
  if (e instanceof ApiError && e.code === 'stale_version') {
    void message.error({ content: `${e.message}（已有新版本：请刷新页面后再修改）`, duration: 8 });
    return;
  }
  void message.error(errorText(e));
}
