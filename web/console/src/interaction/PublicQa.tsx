import { EditOutlined, StopOutlined } from '@ant-design/icons';
import { App, Button, Card, Form, Input, Space, Typography } from 'antd';
import { useState } from 'react';
import { FormModal } from '../shared/FormModal.js';
import { formatDateTime } from '../shared/format.js';
import type { MessageDetail } from './types.js';

export interface PublishBody {
  publish: boolean;
  title?: string;
  content?: string;
  reply?: string;
}

const PRE = { whiteSpace: 'pre-wrap', wordBreak: 'break-word' } as const;

/**
 * 公开问答: the masked public copy of an answered message, which the office may edit and publish again, or
 * withdraw. Masking is done by the server when publishing; what is shown here is what the public sees.
 */
export function PublicQa({ m, publish }: { m: MessageDetail; publish: (body: PublishBody, done: string) => Promise<void> }) {
  const { modal } = App.useApp();
  const [editing, setEditing] = useState(false);
  const copy = m.publicCopy;
  if (!copy) return null;
  return (
    <Card
      title="公开的问答"
      size="small"
      extra={
        m.can.publish && (
          <Space>
            <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(true)}>
              编辑公开内容
            </Button>
            <Button
              size="small"
              danger
              icon={<StopOutlined />}
              onClick={() =>
                modal.confirm({
                  title: '撤下公开的问答？',
                  content: '撤下后公众不再能看到这条问答，可以再次公开。',
                  okText: '撤下',
                  okButtonProps: { danger: true },
                  cancelText: '取消',
                  onOk: () => publish({ publish: false }, '已撤下公开的问答'),
                })
              }
            >
              撤下
            </Button>
          </Space>
        )
      }
    >
      <Space orientation="vertical" size="small" style={{ width: '100%' }}>
        <Typography.Text type="secondary">公开时间：{formatDateTime(copy.publishedAt)}。个人信息已自动遮蔽，下面是公众看到的内容。</Typography.Text>
        <Typography.Text strong>{copy.title}</Typography.Text>
        <Typography.Paragraph style={PRE}>{copy.content}</Typography.Paragraph>
        <Typography.Text strong>答复</Typography.Text>
        <Typography.Paragraph style={PRE}>{copy.reply}</Typography.Paragraph>
      </Space>
      <FormModal<{ title: string; content: string; reply: string }>
        key={m.version}
        title="编辑公开内容"
        okText="重新公开"
        open={editing}
        width={760}
        initialValues={{ title: copy.title ?? '', content: copy.content ?? '', reply: copy.reply ?? '' }}
        onClose={() => setEditing(false)}
        onSubmit={(v) => publish({ publish: true, title: v.title.trim(), content: v.content.trim(), reply: v.reply.trim() }, '已更新公开的问答')}
      >
        <Typography.Paragraph type="secondary">保存时会再次自动遮蔽身份证号、手机号等个人信息。</Typography.Paragraph>
        <Form.Item name="title" label="公开标题" rules={[{ required: true, whitespace: true, message: '请填写公开标题' }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="content" label="公开的留言内容" rules={[{ required: true, whitespace: true, message: '请填写公开的留言内容' }]}>
          <Input.TextArea autoSize={{ minRows: 4, maxRows: 12 }} maxLength={5000} />
        </Form.Item>
        <Form.Item name="reply" label="公开的答复内容" rules={[{ required: true, whitespace: true, message: '请填写公开的答复内容' }]}>
          <Input.TextArea autoSize={{ minRows: 4, maxRows: 12 }} maxLength={10000} />
        </Form.Item>
      </FormModal>
    </Card>
  );
}
