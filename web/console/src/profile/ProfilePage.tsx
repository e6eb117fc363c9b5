import { Alert, App, Button, Card, Col, Form, Input, Row, Select, Space, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { api, ApiError } from '../api.js';
import { useAgencies } from '../orgs/useOrgs.js';
import { useSession } from '../session.js';
import { errorText, reportError } from '../shared/feedback.js';
import { formatDateTime } from '../shared/format.js';
import { useLoad } from '../shared/useLoad.js';
import { useSelectedAgency } from '../shared/useAgency.js';
import type { Org } from '../types.js';
import { PROFILE_SECTIONS, profileValues } from './fields.js';

function timeZones(): string[] {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch {
    return ['Asia/Shanghai'];
  }
}

export default function ProfilePage() {
  const { can } = useSession();
  const { message } = App.useApp();
  const agencies = useAgencies();
  const [agency, setAgency] = useSelectedAgency(agencies.data);
  const org = useLoad(async () => (agency ? api.get<Org>(`/api/v1/orgs/${encodeURIComponent(agency)}`) : undefined), agency ?? '');
  const [form] = Form.useForm<Record<string, string>>();
  const [busy, setBusy] = useState(false);
  const [stale, setStale] = useState(false);
  const editable = can('profile.update');
  const zones = useMemo(() => timeZones().map((z) => ({ value: z, label: z })), []);

  useEffect(() => {
    if (org.data) {
      form.setFieldsValue(profileValues(org.data as unknown as Record<string, unknown>));
      setStale(false);
    }
  }, [org.data, form]);

  const save = async (values: Record<string, string>) => {
    if (!org.data) return;
    setBusy(true);
    try {
      await api.patch<Org>(`/api/v1/orgs/${encodeURIComponent(org.data.code)}`, { ...values, version: org.data.version });
      void message.success('机关概况已保存');
      org.reload();
    } catch (e) {
      if (e instanceof ApiError && e.code === 'stale_version') setStale(true);
      reportError(e, message, form);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={1} style={{ fontSize: 20, margin: 0 }}>
          机关概况
        </Typography.Title>
        <Space>
          <label htmlFor="profile-agency">机关（站点）</label>
          <Select
            id="profile-agency"
            style={{ minWidth: 220 }}
            value={agency}
            onChange={setAgency}
            loading={agencies.loading}
            options={(agencies.data ?? []).map((a) => ({ value: a.code, label: a.name }))}
          />
        </Space>
      </Space>
      {Boolean(org.error) && <Alert type="error" showIcon title={errorText(org.error)} />}
      {stale && (
        <Alert
          type="warning"
          showIcon
          title="该机关概况已被他人修改"
          description="为避免覆盖他人的修改，请重新加载后再编辑（重新加载会丢弃本页未保存的内容）。"
          action={<Button onClick={org.reload}>重新加载</Button>}
        />
      )}
      {!editable && <Alert type="info" showIcon title="您可以查看机关概况，修改需要“修改机关概况”权限。" />}
      <Form form={form} layout="vertical" onFinish={(v) => void save(v)} disabled={!editable || !org.data}>
        {PROFILE_SECTIONS.map((section) => (
          <Card key={section.title} title={section.title} style={{ marginBottom: 16 }} loading={org.loading && !org.data}>
            <Row gutter={16}>
              {section.fields.map((f) => (
                <Col key={f.name} xs={24} md={f.multiline ? 24 : 12}>
                  <Form.Item
                    label={f.label}
                    name={f.name}
                    extra={f.help}
                    rules={f.required ? [{ required: true, whitespace: true, message: `请填写${f.label}` }] : []}
                  >
                    {f.multiline ? <Input.TextArea rows={4} maxLength={f.max} showCount /> : <Input maxLength={f.max} />}
                  </Form.Item>
                </Col>
              ))}
              {section.title === '基本信息' && (
                <Col xs={24} md={12}>
                  <Form.Item label="时区" name="timezone" extra="决定期限和工作日按哪个时区计算，默认中国标准时间">
                    <Select showSearch options={zones} />
                  </Form.Item>
                </Col>
              )}
            </Row>
          </Card>
        ))}
        {org.data && (
          <Space>
            {editable && (
              <Button type="primary" htmlType="submit" loading={busy}>
                保存
              </Button>
            )}
            <Typography.Text type="secondary">
              最后更新 {formatDateTime(org.data.updatedAt)}（第 {org.data.version} 版）
            </Typography.Text>
          </Space>
        )}
      </Form>
    </Space>
  );
}
