import { SaveOutlined } from '@ant-design/icons';
import { App, Button, Card, Form, InputNumber, Space, Switch, Typography } from 'antd';
import { useState } from 'react';
import { api, ApiError } from '../api.js';
import { reportError } from '../shared/feedback.js';
import { MESSAGE_TYPES, settingsBody, TYPE_LABELS, type SettingsValues } from './logic.js';
import type { InteractionSettings } from './types.js';

interface Props {
  agency: string;
  /** The settings as loaded: the form starts from them and saves against their version. */
  data: InteractionSettings;
  onSaved: () => void;
  /** Someone else saved since these settings were loaded (409). */
  onStale: (message: string) => void;
}

/** The settings form of one loaded version (a newer version mounts a new form). */
export function SettingsForm({ agency, data, onSaved, onStale }: Props) {
  const { message } = App.useApp();
  const [form] = Form.useForm<SettingsValues>();
  const [busy, setBusy] = useState(false);

  const save = async (v: SettingsValues) => {
    setBusy(true);
    try {
      await api.put<InteractionSettings>('/api/v1/interaction/settings?org=' + encodeURIComponent(agency), settingsBody(v, data.version));
      void message.success('互动设置已保存；新留言按新时限计算');
      onSaved();
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) onStale(e.message);
      else reportError(e, message, form);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Form<SettingsValues>
      form={form}
      layout="vertical"
      initialValues={{ replyLimits: data.replyLimits, reviewRequired: data.reviewRequired, dueSoonDays: data.dueSoonDays, retentionDays: data.retentionDays }}
      onFinish={(v) => void save(v)}
      style={{ maxWidth: 760 }}
    >
      <Card title="答复时限（工作日，提交当日不计）" size="small" style={{ marginBottom: 16 }}>
        <Typography.Paragraph type="secondary">已受理的留言时限不变，修改只影响此后提交的留言。</Typography.Paragraph>
        <Space wrap size="large">
          {MESSAGE_TYPES.map((t) => (
            <Form.Item key={t} name={['replyLimits', t]} label={TYPE_LABELS[t]} rules={[{ required: true, message: '请填写工作日数' }]}>
              <InputNumber min={1} max={60} precision={0} suffix="个工作日" style={{ width: 150 }} />
            </Form.Item>
          ))}
        </Space>
      </Card>
      <Card title="办理" size="small" style={{ marginBottom: 16 }}>
        <Form.Item name="reviewRequired" label="答复须经公开办审核" valuePropName="checked" extra="开启后，承办单位的答复先提交公开办审核，通过后才发送给留言人。">
          <Switch />
        </Form.Item>
        <Form.Item name="dueSoonDays" label="临期提醒" rules={[{ required: true, message: '请填写工作日数' }]} extra="距截止日期不超过该工作日数的留言列为临期，并提醒承办单位。">
          <InputNumber min={0} max={10} precision={0} suffix="个工作日" style={{ width: 160 }} />
        </Form.Item>
      </Card>
      <Card title="个人信息保留" size="small" style={{ marginBottom: 16 }}>
        <Form.Item name="retentionDays" label="办结后保留天数" extra="到期后删除留言人的姓名和联系方式，留言和答复保留。留空表示不删除。">
          <InputNumber min={30} max={3650} precision={0} suffix="天" style={{ width: 160 }} placeholder="不删除" />
        </Form.Item>
      </Card>
      <Button type="primary" htmlType="submit" icon={<SaveOutlined />} loading={busy}>
        保存设置
      </Button>
    </Form>
  );
}
