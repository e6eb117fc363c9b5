export type LoginStep = 'password' | 'totp' | 'enrol';

/**
 * What the login form asks for next after a refused sign-in. A wrong code keeps the code step; wrong
 * credentials start over (the password is asked again), and so does a lockout. Asking for a new password
 * (a one-time password from a reset) keeps the current step: the new password fields are shown beside it.
 */
export function loginStep(current: LoginStep, status: number, code: string): LoginStep {
  if (status === 401 && code === 'totp_required') return 'totp';
  if (status === 401 && code === 'totp_enrollment_required') return 'enrol';
  if (status === 401 && code === 'totp_invalid') return current === 'password' ? 'totp' : current;
  if (status === 401 && code === 'password_change_required') return current;
  if (status === 400) return current;
  return 'password';
}

/** Does this refusal ask for the one-time password to be replaced (from now until the sign-in starts over)? */
export function asksNewPassword(status: number, code: string): boolean {
  return status === 401 && code === 'password_change_required';
}

/**
 * Whether the new-password fields stay on the form after a refusal: shown when the server asks for them, kept
 * when a field is wrong (400: the person corrects it there), gone when the sign-in starts over.
 */
export function showsNewPassword(shown: boolean, next: LoginStep, status: number, code: string): boolean {
  if (asksNewPassword(status, code)) return true;
  if (status === 400) return shown;
  return next === 'password' ? false : shown;
}
