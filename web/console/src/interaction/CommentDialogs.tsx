import { Form, Input, Radio, Typography } from 'antd';
import { FormModal } from '../shared/FormModal.js';
import { ADOPTION_LABELS, ADOPTIONS } from './logic.js';
import type { Adoption, StaffComment } from './types.js';

/** 隐藏意见: a reason is required (the public sees the count of shown comments only). */
export function HideDialog({ comment, onClose, onSubmit }: { comment: StaffComment | null; onClose: () => void; onSubmit: (reason: string) => Promise<void> }) {
  return (
    <FormModal<{ reason: string }> title="隐藏意见" okText="隐藏" open={comment !== null} onClose={onClose} onSubmit={(v) => onSubmit(v.reason.trim())}>
      {comment && (
        <Typography.Paragraph type="secondary" ellipsis={{ rows: 3 }}>
          {comment.content}
        </Typography.Paragraph>
      )}
      <Form.Item name="reason" label="隐藏理由" rules={[{ required: true, whitespace: true, message: '隐藏意见须填写理由' }]}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={500} />
      </Form.Item>
    </FormModal>
  );
}

/** 采纳决定: adopted, partly or not, with the reason the public will read once the feedback is published. */
export function AdoptionDialog({ comment, onClose, onSubmit }: { comment: StaffComment | null; onClose: () => void; onSubmit: (v: { adoption: Adoption; reason: string }) => Promise<void> }) {
  return (
    <FormModal<{ adoption: Adoption; reason: string }>
      title="采纳决定"
      open={comment !== null}
      initialValues={comment?.adoption ? { adoption: comment.adoption, reason: comment.adoptionReason ?? '' } : undefined}
      onClose={onClose}
      onSubmit={(v) => onSubmit({ adoption: v.adoption, reason: v.reason.trim() })}
    >
      {comment && (
        <Typography.Paragraph type="secondary" ellipsis={{ rows: 3 }}>
          {comment.content}
        </Typography.Paragraph>
      )}
      <Form.Item name="adoption" label="采纳情况" rules={[{ required: true, message: '请选择采纳情况' }]}>
        <Radio.Group options={ADOPTIONS.map((a) => ({ value: a, label: ADOPTION_LABELS[a] }))} />
      </Form.Item>
      <Form.Item name="reason" label="理由" rules={[{ required: true, whitespace: true, message: '请填写理由' }]}>
        <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={1000} />
      </Form.Item>
    </FormModal>
  );
}
