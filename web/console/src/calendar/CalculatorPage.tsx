import { CalculatorOutlined, MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, DatePicker, Form, InputNumber, Select, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import 'dayjs/locale/zh-cn';
import { useState } from 'react';
import { api } from '../api.js';
import { useAgencies } from '../orgs/useOrgs.js';
import { reportError } from '../shared/feedback.js';
import { useSelectedAgency } from '../shared/useAgency.js';
import { Explanation } from './Explanation.js';
import { EventFields, toEventInput, type EventValues } from './EventFields.js';
import type { DeadlineResult } from './types.js';

dayjs.locale('zh-cn');

interface Values {
  start: Dayjs;
  workingDays: number;
  events?: EventValues[];
}

/** 时限计算器: what-if for a deadline — start, working days, pauses and extensions — without storing anything. */
export default function CalculatorPage() {
  const { message } = App.useApp();
  const agencies = useAgencies();
  const [agency, setAgency] = useSelectedAgency(agencies.data);
  const [form] = Form.useForm<Values>();
  const [result, setResult] = useState<DeadlineResult | null>(null);
  const [busy, setBusy] = useState(false);

  const compute = async (v: Values) => {
    setBusy(true);
    try {
      const body = {
        org: agency,
        start: v.start.format('YYYY-MM-DD'),
        workingDays: v.workingDays,
        events: (v.events ?? []).map(toEventInput),
      };
      setResult(await api.post<DeadlineResult>('/api/v1/deadlines/preview', body));
    } catch (e) {
      setResult(null);
      reportError(e, message, form);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={1} style={{ fontSize: 20, margin: 0 }}>
          时限计算器
        </Typography.Title>
        <Space>
          <label htmlFor="calculator-agency">按机关日历</label>
          <Select
            id="calculator-agency"
            style={{ minWidth: 200 }}
            value={agency}
            onChange={setAgency}
            loading={agencies.loading}
            options={(agencies.data ?? []).map((a) => ({ value: a.code, label: a.name }))}
          />
        </Space>
      </Space>
      <Alert type="info" showIcon title="起算当日不计入；周末和法定节假日不计入，调休上班日计入；暂停期间的工作日不计入。计算结果不会保存。" />
      <Card size="small">
        <Form form={form} layout="vertical" onFinish={(v) => void compute(v)} initialValues={{ workingDays: 20 }} style={{ maxWidth: 760 }}>
          <Space wrap align="start">
            <Form.Item label="起算日期" name="start" rules={[{ required: true, message: '请选择起算日期' }]}>
              <DatePicker />
            </Form.Item>
            <Form.Item label="工作日数" name="workingDays" rules={[{ required: true, message: '请填写工作日数' }]}>
              <InputNumber min={1} max={1000} precision={0} style={{ width: 140 }} />
            </Form.Item>
          </Space>
          <Form.List name="events">
            {(fields, { add, remove }) => (
              <Space orientation="vertical" style={{ width: '100%' }}>
                {fields.map((field) => (
                  <Card
                    key={field.key}
                    size="small"
                    title={`事件 ${field.name + 1}`}
                    extra={
                      <Button type="text" icon={<MinusCircleOutlined />} onClick={() => remove(field.name)} aria-label={`删除事件 ${field.name + 1}`}>
                        删除
                      </Button>
                    }
                  >
                    <EventFields prefix={[field.name]} form={form} listName="events" />
                  </Card>
                ))}
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ type: 'pause' })}>
                  添加暂停、恢复、延长或重新起算
                </Button>
              </Space>
            )}
          </Form.List>
          <Form.Item style={{ marginTop: 16, marginBottom: 0 }}>
            <Button type="primary" htmlType="submit" icon={<CalculatorOutlined />} loading={busy}>
              计算
            </Button>
          </Form.Item>
        </Form>
      </Card>
      {result && (
        <Card title="计算结果" size="small">
          <Explanation result={result} />
        </Card>
      )}
    </Space>
  );
}
