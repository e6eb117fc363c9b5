import { Form, Input, Radio } from 'antd';
import { FormModal } from '../shared/FormModal.js';

interface Values {
  decision: 'release' | 'send-back';
  reply?: string;
  note?: string;
}

/** 审核: release the unit's reply (the office may correct its wording first), or send it back with a note. */
export function ReviewDialog({ open, draft, onClose, onSubmit }: { open: boolean; draft: string; onClose: () => void; onSubmit: (body: { decision: Values['decision']; reply?: string; note?: string }) => Promise<void> }) {
  return (
    <FormModal<Values>
      title="审核答复"
      okText="提交审核意见"
      open={open}
      initialValues={{ decision: 'release', reply: draft }}
      onClose={onClose}
      width={760}
      onSubmit={(v) =>
        onSubmit(
          v.decision === 'release'
            ? { decision: 'release', reply: (v.reply ?? '').trim(), ...(v.note?.trim() ? { note: v.note.trim() } : {}) }
            : { decision: 'send-back', note: (v.note ?? '').trim() },
        )
      }
    >
      <Form.Item name="decision" label="审核结论">
        <Radio.Group
          options={[
            { value: 'release', label: '通过，发送答复' },
            { value: 'send-back', label: '退回修改' },
          ]}
        />
      </Form.Item>
      <Form.Item noStyle dependencies={['decision']}>
        {({ getFieldValue }) =>
          getFieldValue('decision') === 'release' ? (
            <>
              <Form.Item name="reply" label="答复内容（可修改）" rules={[{ required: true, whitespace: true, message: '请填写答复内容' }]}>
                <Input.TextArea autoSize={{ minRows: 6, maxRows: 16 }} maxLength={10000} showCount />
              </Form.Item>
              <Form.Item name="note" label="审核意见">
                <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={1000} />
              </Form.Item>
            </>
          ) : (
            <Form.Item name="note" label="退回意见" rules={[{ required: true, whitespace: true, message: '请填写退回意见' }]}>
              <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={1000} />
            </Form.Item>
          )
        }
      </Form.Item>
    </FormModal>
  );
}
