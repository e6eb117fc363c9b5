import { KeyOutlined, LockOutlined, SafetyOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { api, ApiError } from '../api.js';
import { useSessionState } from '../session.js';
import type { SessionResponse, TotpEnrollment } from '../types.js';
import { NewPasswordFields } from '../users/UserFields.js';
import { loginStep, showsNewPassword, type LoginStep } from './step.js';

interface Values {
  username: string;
  password: string;
  totp?: string;
  newPassword?: string;
  confirm?: string;
}

export default function LoginPage() {
  const { state, refresh } = useSessionState();
  const navigate = useNavigate();
  const location = useLocation();
  const [form] = Form.useForm<Values>();
  const [step, setStep] = useState<LoginStep>('password');
  const [enrollment, setEnrollment] = useState<TotpEnrollment | null>(null);
  // The password is a one-time password from a reset: the owner chooses a new one as part of signing in.
  const [changing, setChanging] = useState(false);
  const [problem, setProblem] = useState<{ type: 'error' | 'warning' | 'info'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const from = (location.state as { from?: string } | null)?.from ?? '/';

  if (state.status === 'signed-in') return <Navigate to={from} replace />;

  const submit = async (values: Values) => {
    setBusy(true);
    setProblem(null);
    try {
      await api.post<SessionResponse>(
        '/api/v1/session',
        {
          username: values.username,
          password: values.password,
          ...(step !== 'password' ? { totp: values.totp } : {}),
          ...(changing ? { newPassword: values.newPassword } : {}),
        },
        { allow401: true },
      );
      // The sign-in answer has no permissions: the session endpoint gives the full picture.
      await refresh();
      void navigate(from, { replace: true });
    } catch (e) {
      if (!(e instanceof ApiError)) {
        setProblem({ type: 'error', text: '登录失败，请稍后再试' });
        return;
      }
      const next = loginStep(step, e.status, e.code);
      setChanging(showsNewPassword(changing, next, e.status, e.code));
      if (next === 'enrol') setEnrollment((e.details.enrollment as TotpEnrollment | undefined) ?? null);
      if (next !== step) form.setFieldValue('totp', '');
      setStep(next);
      if (['totp_enrollment_required', 'totp_required', 'password_change_required'].includes(e.code)) setProblem({ type: 'info', text: e.message });
      else setProblem({ type: e.status === 429 ? 'warning' : 'error', text: e.message });
      if (Object.keys(e.fields).length > 0) {
        form.setFields(Object.entries(e.fields).map(([name, msg]) => ({ name: name as keyof Values, errors: [msg] })));
      }
    } finally {
      setBusy(false);
    }
  };

  const restart = () => {
    setStep('password');
    setEnrollment(null);
    setChanging(false);
    setProblem(null);
    form.resetFields(['password', 'totp', 'newPassword', 'confirm']);
  };

  return (
    <div style={{ minHeight: '100vh', display: 'flex', alignItems: 'center', justifyContent: 'center', background: '#f0f2f5' }}>
      <main style={{ width: 400, maxWidth: '92vw' }}>
        <Card>
          <Typography.Title level={1} style={{ fontSize: 22, textAlign: 'center', marginBottom: 4 }}>
            政务公开管理平台
          </Typography.Title>
          <Typography.Paragraph type="secondary" style={{ textAlign: 'center' }}>
            工作人员登录
          </Typography.Paragraph>
          {problem && <Alert role="alert" type={problem.type} title={problem.text} showIcon style={{ marginBottom: 16 }} />}
          <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} requiredMark={false}>
            <Form.Item label="用户名" name="username" rules={[{ required: true, message: '请填写用户名' }]}>
              <Input prefix={<UserOutlined />} autoComplete="username" readOnly={step !== 'password'} autoFocus />
            </Form.Item>
            <Form.Item label="密码" name="password" rules={[{ required: true, message: '请填写密码' }]}>
              <Input.Password prefix={<LockOutlined />} autoComplete="current-password" readOnly={step !== 'password' || changing} />
            </Form.Item>
            {changing && <NewPasswordFields prefix={<KeyOutlined />} autoFocus />}
            {step === 'enrol' && enrollment && <Enrollment enrollment={enrollment} />}
            {step !== 'password' && (
              <Form.Item
                label="动态验证码"
                name="totp"
                extra="验证器应用中显示的 6 位数字，每 30 秒更新"
                rules={[{ required: true, pattern: /^\d{6}$/, message: '请输入 6 位数字验证码' }]}
              >
                <Input prefix={<SafetyOutlined />} inputMode="numeric" autoComplete="one-time-code" maxLength={6} autoFocus />
              </Form.Item>
            )}
            <Button type="primary" htmlType="submit" block loading={busy}>
              {step === 'enrol' ? '绑定并登录' : changing ? '设置新密码并登录' : '登录'}
            </Button>
            {(step !== 'password' || changing) && (
              <Button type="link" block onClick={restart} style={{ marginTop: 8 }}>
                使用其他账号登录
              </Button>
            )}
          </Form>
        </Card>
      </main>
    </div>
  );
}

/** First sign-in of an administrator: the authenticator app is bound to the secret the server generated. */
function Enrollment({ enrollment }: { enrollment: TotpEnrollment }) {
  return (
    <div style={{ marginBottom: 16 }}>
      <Typography.Paragraph>请使用验证器应用（如 FreeOTP、Google Authenticator）扫描二维码：</Typography.Paragraph>
      <div style={{ textAlign: 'center' }}>
        <img
          src={'data:image/svg+xml;utf8,' + encodeURIComponent(enrollment.qrSvg)}
          alt="动态验证码绑定二维码"
          width={180}
          height={180}
        />
      </div>
      <Typography.Paragraph>
        无法扫码时手动输入密钥：
        <Typography.Text code copyable={{ text: enrollment.secret }}>
          <span data-testid="totp-secret">{enrollment.secret}</span>
        </Typography.Text>
      </Typography.Paragraph>
    </div>
  );
}

