import { DatePicker, Form, Input, InputNumber, Select, type FormInstance } from 'antd';
import type { Dayjs } from 'dayjs';
import type { DeadlineEventInput } from './types.js';

export interface EventValues {
  type: 'pause' | 'resume' | 'extend' | 'restart';
  date?: Dayjs;
  days?: number;
  reason?: string;
  approver?: string;
}

export const EVENT_TYPES = [
  { value: 'pause', label: '暂停计算（如征求第三方意见）' },
  { value: 'resume', label: '恢复计算' },
  { value: 'extend', label: '延长（须经批准）' },
  { value: 'restart', label: '重新起算（如收到补正的申请）' },
] as const;

export function toEventInput(v: EventValues): DeadlineEventInput {
  const date = v.date ? v.date.format('YYYY-MM-DD') : '';
  switch (v.type) {
    case 'resume':
      return { type: 'resume', date };
    case 'extend':
      return { type: 'extend', date, days: v.days ?? 0, reason: v.reason ?? '', approver: v.approver ?? '' };
    case 'restart':
      return { type: 'restart', date, reason: v.reason ?? '' };
    case 'pause':
      return { type: 'pause', date, reason: v.reason ?? '' };
  }
}

/**
 * The fields of one deadline event. `prefix` is the path inside the form (a Form.List item, or [] for a form
 * of one event); the server's field errors (`date`, `reason`, `events.0.date`) find their field by that name.
 */
export function EventFields({ prefix, form, listName }: { prefix: (string | number)[]; form: FormInstance; listName?: string }) {
  const typePath = [...prefix, 'type'];
  const type = Form.useWatch(listName ? [listName, ...typePath] : typePath, form) as EventValues['type'] | undefined;
  return (
    <>
      <Form.Item label="事件" name={typePath} rules={[{ required: true, message: '请选择事件' }]}>
        <Select options={EVENT_TYPES.map((t) => ({ ...t }))} />
      </Form.Item>
      <Form.Item label="日期" name={[...prefix, 'date']} rules={[{ required: true, message: '请选择日期' }]}>
        <DatePicker />
      </Form.Item>
      {type === 'extend' && (
        <Form.Item label="延长工作日数" name={[...prefix, 'days']} rules={[{ required: true, message: '请填写延长的工作日数' }]} extra="政府信息公开申请的延长期限最长不得超过 20 个工作日">
          <InputNumber min={1} max={1000} precision={0} />
        </Form.Item>
      )}
      {type !== 'resume' && (
        <Form.Item label="理由" name={[...prefix, 'reason']} rules={[{ required: true, whitespace: true, message: '请填写理由' }]}>
          <Input maxLength={200} />
        </Form.Item>
      )}
      {type === 'extend' && (
        <Form.Item label="批准人" name={[...prefix, 'approver']} rules={[{ required: true, whitespace: true, message: '请填写批准人' }]}>
          <Input maxLength={60} placeholder="如：政府信息公开工作机构负责人 王某" />
        </Form.Item>
      )}
    </>
  );
}
