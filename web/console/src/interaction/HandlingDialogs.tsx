import { Form, Input } from 'antd';
import { FormModal } from '../shared/FormModal.js';
import { UnitSelect } from './UnitSelect.js';

interface Base<V> {
  open: boolean;
  onClose: () => void;
  onSubmit: (values: V) => Promise<void>;
}

const reasonRules = (label: string) => [{ required: true, whitespace: true, message: `请填写${label}` }];

/** 分办: the office sends a received message to a unit. */
export function AssignDialog({ open, agency, onClose, onSubmit }: Base<{ unitId: string; note?: string | null }> & { agency: string }) {
  return (
    <FormModal<{ unitId: string; note?: string }> title="分办" okText="分办" open={open} onClose={onClose} onSubmit={(v) => onSubmit({ unitId: v.unitId, note: v.note?.trim() || null })}>
      <Form.Item name="unitId" label="承办单位" rules={[{ required: true, message: '请选择承办单位' }]}>
        <UnitSelect agency={agency} by="id" />
      </Form.Item>
      <Form.Item name="note" label="分办说明">
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={1000} />
      </Form.Item>
    </FormModal>
  );
}

/** 转办: to another unit, with the reason. */
export function TransferDialog({ open, agency, current, onClose, onSubmit }: Base<{ unitId: string; reason: string }> & { agency: string; current: string | null }) {
  return (
    <FormModal<{ unitId: string; reason: string }> title="转办" okText="转办" open={open} onClose={onClose} onSubmit={(v) => onSubmit({ unitId: v.unitId, reason: v.reason.trim() })}>
      <Form.Item name="unitId" label="转至单位" rules={[{ required: true, message: '请选择承办单位' }]}>
        <UnitSelect agency={agency} by="id" exclude={current} />
      </Form.Item>
      <Form.Item name="reason" label="转办理由" rules={reasonRules('转办理由')}>
        <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={1000} />
      </Form.Item>
    </FormModal>
  );
}

/** 退回 or 不予受理: a reason is all they take. */
export function ReasonDialog({ open, title, okText, label, danger, onClose, onSubmit }: Base<{ reason: string }> & { title: string; okText: string; label: string; danger?: boolean }) {
  return (
    <FormModal<{ reason: string }> title={title} okText={okText} open={open} onClose={onClose} onSubmit={(v) => onSubmit({ reason: v.reason.trim() })}>
      {danger && <p>办理期限随之结束，留言人将看到理由。</p>}
      <Form.Item name="reason" label={label} rules={reasonRules(label)}>
        <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={1000} />
      </Form.Item>
    </FormModal>
  );
}
