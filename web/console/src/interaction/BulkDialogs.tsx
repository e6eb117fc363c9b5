import { Alert, Form, Input, Space, Typography } from 'antd';
import type { BulkResultRow } from '../shared/BulkResultModal.js';
import { FormModal } from '../shared/FormModal.js';
import { withTemplate } from './logic.js';
import { TemplatePicker } from './TemplatePicker.js';
import { UnitSelect } from './UnitSelect.js';

export type BulkAction = 'assign' | 'reply';
export const BULK_LABELS: Record<BulkAction, string> = { assign: '分办', reply: '答复' };

export function BulkAssignDialog({ open, count, agency, onClose, onSubmit }: { open: boolean; count: number; agency: string | undefined; onClose: () => void; onSubmit: (unitId: string, reason: string) => Promise<void> }) {
  return (
    <FormModal<{ unitId: string; reason?: string }> title={`批量分办或转办（${count} 条）`} okText="提交" open={open} onClose={onClose} onSubmit={(v) => onSubmit(v.unitId, (v.reason ?? '').trim())}>
      <Form.Item name="unitId" label="承办单位" rules={[{ required: true, message: '请选择承办单位' }]}>
        <UnitSelect agency={agency} by="id" />
      </Form.Item>
      <Form.Item name="reason" label="转办理由" extra="已在办理中的留言将转办到所选单位，须填写理由；待分办的留言直接分办。">
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={1000} />
      </Form.Item>
      <Typography.Text type="secondary">逐条办理；无法分办或转办的留言将列为失败并说明原因。</Typography.Text>
    </FormModal>
  );
}

export function BulkReplyDialog({ open, count, agency, onClose, onSubmit }: { open: boolean; count: number; agency: string | undefined; onClose: () => void; onSubmit: (reply: string) => Promise<void> }) {
  return (
    <FormModal<{ reply: string }> title={`批量答复（${count} 条）`} okText="答复" open={open} onClose={onClose} onSubmit={(v) => onSubmit(v.reply.trim())} width={720}>
      {(form) => (
        <>
          <Alert type="info" showIcon title="同一答复逐条发送；投诉件须逐条填写调查核实情况、责任单位和处理措施，将列为失败。" style={{ marginBottom: 12 }} />
          <Space wrap style={{ marginBottom: 12 }}>
            <TemplatePicker id="bulk-reply-template" agency={agency} onPick={(body) => form.setFieldValue('reply', withTemplate(form.getFieldValue('reply') as string | undefined, body))} />
          </Space>
          <Form.Item name="reply" label="答复内容" rules={[{ required: true, whitespace: true, message: '请填写答复内容' }]}>
            <Input.TextArea autoSize={{ minRows: 6, maxRows: 16 }} maxLength={10000} showCount />
          </Form.Item>
        </>
      )}
    </FormModal>
  );
}

export interface BulkOutcome {
  action: BulkAction;
  rows: BulkResultRow[];
}
