import { Form, Input, InputNumber, Radio } from 'antd';
import { FormModal } from '../shared/FormModal.js';
import { FaqCategoryInput } from './FaqCategoryInput.js';
import { FAQ_STATE_LABELS } from './logic.js';
import type { FaqEntry, FaqState } from './types.js';

export interface FaqValues {
  category: string;
  question: string;
  answer: string;
  state: FaqState;
  sortOrder?: number;
}

/** 新增问答 / 编辑问答. */
export function FaqDialog({ agency, entry, open, onClose, onSubmit }: { agency: string; entry: FaqEntry | null; open: boolean; onClose: () => void; onSubmit: (v: FaqValues) => Promise<void> }) {
  return (
    <FormModal<FaqValues>
      title={entry ? '编辑问答' : '新增问答'}
      open={open}
      width={760}
      initialValues={entry ? { category: entry.category, question: entry.question, answer: entry.answer, state: entry.state, sortOrder: entry.sortOrder } : { state: 'published' }}
      onClose={onClose}
      onSubmit={(v) => onSubmit({ ...v, category: v.category.trim(), question: v.question.trim(), answer: v.answer.trim() })}
    >
      <Form.Item name="category" label="分类" rules={[{ required: true, whitespace: true, message: '请填写分类' }]}>
        <FaqCategoryInput agency={agency} />
      </Form.Item>
      <Form.Item name="question" label="问题" rules={[{ required: true, whitespace: true, message: '请填写问题' }]}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={500} />
      </Form.Item>
      <Form.Item name="answer" label="答案" rules={[{ required: true, whitespace: true, message: '请填写答案' }]}>
        <Input.TextArea autoSize={{ minRows: 5, maxRows: 16 }} maxLength={5000} showCount />
      </Form.Item>
      <Form.Item name="state" label="状态">
        <Radio.Group options={(['published', 'hidden'] as const).map((s) => ({ value: s, label: FAQ_STATE_LABELS[s] }))} />
      </Form.Item>
      {entry && (
        <Form.Item name="sortOrder" label="排序号" extra="同一分类中排序号小的在前。">
          <InputNumber min={-100000} max={100000} precision={0} />
        </Form.Item>
      )}
    </FormModal>
  );
}
