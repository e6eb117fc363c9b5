export type LoginStep = 'password' | 'totp' | 'enrol';

/**
 * What the login form asks for next after a refused sign-in. A wrong code keeps the code step; wrong
 * credentials start over (the password is asked again), and so does a lockout.
 */
export function loginStep(current: LoginStep, status: number, code: string): LoginStep {
  if (status === 401 && code === 'totp_required') return 'totp';
  if (status === 401 && code === 'totp_enrollment_required') return 'enrol';
  if (status === 401 && code === 'totp_invalid') return current === 'password' ? 'totp' : current;
  if (status === 400) return current;
  return 'password';
}
