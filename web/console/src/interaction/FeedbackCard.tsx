import { Alert, App, Button, Card, Form, Input, Space, Typography } from 'antd';
import { useState } from 'react';
import { reportError } from '../shared/feedback.js';
import { formatDateTime } from '../shared/format.js';
import { ADOPTION_LABELS, undecided } from './logic.js';
import type { CommentCounts, Solicitation } from './types.js';

interface Props {
  s: Solicitation;
  counts: CommentCounts | undefined;
  publish: (feedback: string) => Promise<void>;
}

/**
 * 采纳情况反馈: after closing, once every comment is moderated and every shown one decided, the office publishes
 * what it made of them; publishing again replaces the text.
 */
export function FeedbackCard({ s, counts, publish }: Props) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ feedback: string }>();
  const [busy, setBusy] = useState(false);
  const left = counts ? undecided(counts) : 0;
  const published = s.feedbackPublishedAt !== null;

  if (s.status !== 'closed') {
    return (
      <Card title="采纳情况反馈" size="small">
        <Typography.Text type="secondary">征集结束后，对已显示的意见逐条作出采纳决定，再公布采纳情况。</Typography.Text>
      </Card>
    );
  }
  return (
    <Card title="采纳情况反馈" size="small">
      <Space orientation="vertical" size="small" style={{ width: '100%' }}>
        {counts && (
          <Typography.Text>
            已显示 {counts.shown} 条：{ADOPTION_LABELS.adopted} {counts.adopted} 条，{ADOPTION_LABELS.partly} {counts.partly} 条，{ADOPTION_LABELS['not-adopted']} {counts.notAdopted} 条
            {left > 0 ? `，尚未决定 ${left} 条` : ''}；待审核 {counts.pending} 条。
          </Typography.Text>
        )}
        {published && <Alert type="success" showIcon title={`已于 ${formatDateTime(s.feedbackPublishedAt)} 公布采纳情况`} />}
        <Form
          form={form}
          layout="vertical"
          initialValues={{ feedback: s.feedback ?? '' }}
          onFinish={(v) => {
            setBusy(true);
            void publish(v.feedback.trim())
              .catch((e: unknown) => reportError(e, message, form))
              .finally(() => setBusy(false));
          }}
        >
          <Form.Item name="feedback" label="采纳情况说明" rules={[{ required: true, whitespace: true, message: '请填写采纳情况说明' }]}>
            <Input.TextArea autoSize={{ minRows: 4, maxRows: 12 }} maxLength={5000} showCount />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={busy}>
            {published ? '更新采纳情况说明' : '公布采纳情况'}
          </Button>
        </Form>
      </Space>
    </Card>
  );
}
