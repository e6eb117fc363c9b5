import { Form, Input, Typography } from 'antd';
import { FormModal } from '../shared/FormModal.js';
import { FaqCategoryInput } from './FaqCategoryInput.js';

export interface PromoteValues {
  category: string;
  question?: string;
  answer?: string;
}

/**
 * 加入问答库: an answered message becomes an FAQ entry. Left empty, the question and the answer come from the
 * message's public copy; a message never published gives its original text, and the entry stays hidden until
 * someone has checked it.
 */
export function PromoteDialog({ open, agency, published, onClose, onSubmit }: { open: boolean; agency: string; published: boolean; onClose: () => void; onSubmit: (v: PromoteValues) => Promise<void> }) {
  return (
    <FormModal<PromoteValues>
      title="加入问答库"
      okText="加入"
      open={open}
      width={720}
      onClose={onClose}
      onSubmit={(v) => onSubmit({ category: v.category.trim(), ...(v.question?.trim() ? { question: v.question.trim() } : {}), ...(v.answer?.trim() ? { answer: v.answer.trim() } : {}) })}
    >
      <Typography.Paragraph type="secondary">
        {published
          ? '问题和答案留空时，采用公开问答中已遮蔽个人信息的标题和答复。'
          : '这条留言尚未公开：问题和答案留空时采用留言原文，加入后先隐藏，请在问答库中核对并去除个人信息后再公开。'}
      </Typography.Paragraph>
      <Form.Item name="category" label="分类" rules={[{ required: true, whitespace: true, message: '请填写分类' }]}>
        <FaqCategoryInput agency={agency} />
      </Form.Item>
      <Form.Item name="question" label="问题">
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={500} placeholder="留空则采用留言标题" />
      </Form.Item>
      <Form.Item name="answer" label="答案">
        <Input.TextArea autoSize={{ minRows: 4, maxRows: 12 }} maxLength={5000} placeholder="留空则采用答复内容" />
      </Form.Item>
    </FormModal>
  );
}
