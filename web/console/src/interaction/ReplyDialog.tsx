import { Alert, Form, Input } from 'antd';
import { FormModal } from '../shared/FormModal.js';
import { replyBody, withTemplate, type ReplyValues } from './logic.js';
import { TemplatePicker } from './TemplatePicker.js';
import type { MessageType } from './types.js';

interface Props {
  open: boolean;
  agency: string;
  type: MessageType;
  initial?: Partial<ReplyValues> | undefined;
  onClose: () => void;
  onSubmit: (body: ReturnType<typeof replyBody>) => Promise<void>;
}

const required = (label: string) => [{ required: true, whitespace: true, message: `投诉件须填写${label}` }];

/** 答复: the reply (templates can be inserted); a complaint also needs what was found, who was responsible and what was done. */
export function ReplyDialog({ open, agency, type, initial, onClose, onSubmit }: Props) {
  const complaint = type === 'complaint';
  return (
    <FormModal<ReplyValues> title="答复" okText="提交答复" open={open} initialValues={initial} onClose={onClose} onSubmit={(v) => onSubmit(replyBody(type, v))} width={760}>
      {(form) => (
        <>
          <Alert type="info" showIcon title="本机关要求审核答复时，答复先提交公开办审核，通过后再发送给留言人。" style={{ marginBottom: 12 }} />
          <div style={{ display: 'flex', gap: 8, alignItems: 'center', flexWrap: 'wrap', marginBottom: 12 }}>
            <TemplatePicker id="reply-template" agency={agency} type={type} onPick={(body) => form.setFieldValue('reply', withTemplate(form.getFieldValue('reply') as string | undefined, body))} />
          </div>
          <Form.Item name="reply" label="答复内容" rules={[{ required: true, whitespace: true, message: '请填写答复内容' }]}>
            <Input.TextArea autoSize={{ minRows: 6, maxRows: 16 }} maxLength={10000} showCount />
          </Form.Item>
          {complaint && (
            <>
              <Form.Item name="investigation" label="调查核实情况" rules={required('调查核实情况')}>
                <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} maxLength={5000} />
              </Form.Item>
              <Form.Item name="responsibleUnit" label="责任单位" rules={required('责任单位')}>
                <Input maxLength={100} />
              </Form.Item>
              <Form.Item name="measures" label="处理措施" rules={required('处理措施')}>
                <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} maxLength={5000} />
              </Form.Item>
            </>
          )}
        </>
      )}
    </FormModal>
  );
}
