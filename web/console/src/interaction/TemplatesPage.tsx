import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Form, Input, Popconfirm, Select, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../api.js';
import { useAgencies } from '../orgs/useOrgs.js';
import { errorText, reportError } from '../shared/feedback.js';
import { FormModal } from '../shared/FormModal.js';
import { formatDateTime } from '../shared/format.js';
import { AgencySelect, ScreenHeader } from '../shared/ScreenHeader.js';
import { useSelectedAgency } from '../shared/useAgency.js';
import { useLoad } from '../shared/useLoad.js';
import { MESSAGE_TYPES, TYPE_LABELS } from './logic.js';
import type { MessageType, ReplyTemplate } from './types.js';
import { EmptyText } from './EmptyText.js';

interface Values {
  title: string;
  body: string;
  type: MessageType | 'any';
}

/** 答复模板 (/messages/templates): the agency's reply templates, offered when answering messages. */
export default function TemplatesPage() {
  const { message } = App.useApp();
  const agencies = useAgencies();
  const [agency, setAgency] = useSelectedAgency(agencies.data);
  const list = useLoad(
    async () => (agency ? (await api.get<{ templates: ReplyTemplate[] }>('/api/v1/reply-templates?org=' + encodeURIComponent(agency))).templates : []),
    agency ?? '',
  );
  const [editing, setEditing] = useState<ReplyTemplate | 'new' | null>(null);

  const save = async (v: Values) => {
    const body = { title: v.title.trim(), body: v.body.trim(), type: v.type === 'any' ? null : v.type };
    if (editing === 'new') await api.post('/api/v1/reply-templates', { org: agency, ...body });
    else if (editing) await api.put(`/api/v1/reply-templates/${encodeURIComponent(editing.id)}`, body);
    void message.success(`已保存模板“${body.title}”`);
    list.reload();
  };
  const remove = async (t: ReplyTemplate) => {
    try {
      await api.delete(`/api/v1/reply-templates/${encodeURIComponent(t.id)}`);
      void message.success(`已删除模板“${t.title}”`);
      list.reload();
    } catch (e) {
      reportError(e, message);
    }
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <ScreenHeader title="答复模板">
        <AgencySelect id="templates-agency" agencies={agencies} value={agency} onChange={setAgency} />
        <Button type="primary" icon={<PlusOutlined />} disabled={!agency} onClick={() => setEditing('new')}>
          新建模板
        </Button>
      </ScreenHeader>
      <Typography.Text type="secondary">答复留言时可选择模板插入答复内容；指定类型的模板优先列在该类留言的答复中。</Typography.Text>
      {Boolean(list.error) && <Alert type="error" showIcon title={errorText(list.error)} />}
      <Table<ReplyTemplate>
        rowKey="id"
        locale={{ emptyText: <EmptyText>还没有答复模板。</EmptyText> }}
        loading={list.loading}
        dataSource={list.data ?? []}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        columns={[
          { title: '模板名称', dataIndex: 'title', width: 200 },
          { title: '适用类型', dataIndex: 'type', width: 100, render: (t: MessageType | null) => (t ? TYPE_LABELS[t] : '全部') },
          {
            title: '内容',
            dataIndex: 'body',
            render: (b: string) => (
              <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ margin: 0 }}>
                {b}
              </Typography.Paragraph>
            ),
          },
          { title: '修改', width: 180, render: (_: unknown, t) => `${t.updatedBy} ${formatDateTime(t.updatedAt)}` },
          {
            title: '操作',
            width: 170,
            render: (_: unknown, t) => (
              <Space>
                <Button size="small" icon={<EditOutlined />} aria-label={`编辑 ${t.title}`} onClick={() => setEditing(t)}>
                  编辑
                </Button>
                <Popconfirm title={`删除模板“${t.title}”？`} okText="删除" cancelText="取消" okButtonProps={{ danger: true }} onConfirm={() => remove(t)}>
                  <Button size="small" danger icon={<DeleteOutlined />} aria-label={`删除 ${t.title}`}>
                    删除
                  </Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
      <FormModal<Values>
        key={editing === 'new' ? 'new' : (editing?.id ?? 'none')}
        title={editing === 'new' ? '新建答复模板' : '编辑答复模板'}
        open={editing !== null}
        width={720}
        initialValues={editing && editing !== 'new' ? { title: editing.title, body: editing.body, type: editing.type ?? 'any' } : { type: 'any' }}
        onClose={() => setEditing(null)}
        onSubmit={save}
      >
        <Form.Item name="title" label="模板名称" rules={[{ required: true, whitespace: true, message: '请填写模板名称' }]}>
          <Input maxLength={60} />
        </Form.Item>
        <Form.Item name="type" label="适用类型">
          <Select options={[{ value: 'any', label: '全部类型' }, ...MESSAGE_TYPES.map((t) => ({ value: t, label: TYPE_LABELS[t] }))]} />
        </Form.Item>
        <Form.Item name="body" label="模板内容" rules={[{ required: true, whitespace: true, message: '请填写模板内容' }]}>
          <Input.TextArea autoSize={{ minRows: 6, maxRows: 16 }} maxLength={5000} showCount />
        </Form.Item>
      </FormModal>
    </Space>
  );
}
