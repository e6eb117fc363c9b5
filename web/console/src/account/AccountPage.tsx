import { App, Button, Card, Descriptions, Form, Input, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../api.js';
import { useSession } from '../session.js';
import { reportError } from '../shared/feedback.js';
import { NewPasswordFields } from '../users/UserFields.js';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

export default function AccountPage() {
  const { user, roleLabel } = useSession();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);

  const submit = async (v: Values) => {
    setBusy(true);
    try {
      await api.post('/api/v1/me/password', { currentPassword: v.currentPassword, newPassword: v.newPassword });
      form.resetFields();
      void message.success('密码已修改，您在其他设备上的登录已失效');
    } catch (e) {
      reportError(e, message, form);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%', maxWidth: 640 }}>
      <Typography.Title level={1} style={{ fontSize: 20, margin: 0 }}>
        我的账号
      </Typography.Title>
      <Card title="账号信息">
        <Descriptions column={1} size="small">
          <Descriptions.Item label="姓名">{user.displayName}</Descriptions.Item>
          <Descriptions.Item label="用户名">{user.username}</Descriptions.Item>
          <Descriptions.Item label="角色">
            {user.roles.map((r) => (
              <Tag key={r} color="blue">
                {roleLabel(r)}
              </Tag>
            ))}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card title="修改密码">
        <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} style={{ maxWidth: 400 }}>
          <Form.Item label="当前密码" name="currentPassword" rules={[{ required: true, message: '请填写当前密码' }]}>
            <Input.Password autoComplete="current-password" maxLength={128} />
          </Form.Item>
          <NewPasswordFields />
          <Button type="primary" htmlType="submit" loading={busy}>
            修改密码
          </Button>
        </Form>
      </Card>
    </Space>
  );
}
