import { EditOutlined, EyeInvisibleOutlined, EyeOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Select, Space, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { api, ApiError } from '../api.js';
import { useAgencies } from '../orgs/useOrgs.js';
import { TAG_COLORS } from '../publishing/logic.js';
import { errorText, reportError } from '../shared/feedback.js';
import { formatDateTime } from '../shared/format.js';
import { AgencySelect, ScreenHeader } from '../shared/ScreenHeader.js';
import { useSelectedAgency } from '../shared/useAgency.js';
import { useLoad } from '../shared/useLoad.js';
import { FaqDialog, type FaqValues } from './FaqDialog.js';
import { FAQ_STATE_LABELS } from './logic.js';
import type { FaqEntry, FaqState } from './types.js';
import { EmptyText } from './EmptyText.js';

/** 在线问答 (/faq): the agency's curated questions and answers, hidden ones included; write, edit, publish, hide. */
export default function FaqPage() {
  const { message } = App.useApp();
  const agencies = useAgencies();
  const [agency, setAgency] = useSelectedAgency(agencies.data);
  const list = useLoad(async () => (agency ? (await api.get<{ entries: FaqEntry[] }>('/api/v1/faq/manage?org=' + encodeURIComponent(agency))).entries : []), agency ?? '');
  const [editing, setEditing] = useState<FaqEntry | 'new' | null>(null);
  const [category, setCategory] = useState<string | undefined>();
  const [state, setState] = useState<FaqState | undefined>();
  const [conflict, setConflict] = useState<string | null>(null);
  const categories = useMemo(() => [...new Set((list.data ?? []).map((e) => e.category))], [list.data]);
  const rows = useMemo(() => (list.data ?? []).filter((e) => (!category || e.category === category) && (!state || e.state === state)), [list.data, category, state]);

  /** A stale version (someone else changed the entry) is shown as an alert and the list reloaded. */
  const patch = async (e: FaqEntry, body: Partial<FaqValues>, done: string) => {
    try {
      await api.patch(`/api/v1/faq/${encodeURIComponent(e.id)}`, { ...body, version: e.version });
      void message.success(done);
      setConflict(null);
    } catch (err) {
      if (!(err instanceof ApiError && err.status === 409)) throw err;
      setConflict(err.message);
    }
    list.reload();
  };
  const save = async (v: FaqValues) => {
    if (editing === 'new') {
      await api.post('/api/v1/faq', { org: agency, category: v.category, question: v.question, answer: v.answer, state: v.state });
      void message.success('已新增问答');
      list.reload();
    } else if (editing) await patch(editing, v, '已保存问答');
  };
  const toggle = (e: FaqEntry) => patch(e, { state: e.state === 'published' ? 'hidden' : 'published' }, e.state === 'published' ? '已隐藏' : '已公开').catch((err: unknown) => reportError(err, message));

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <ScreenHeader title="在线问答">
        <AgencySelect id="faq-agency" agencies={agencies} value={agency} onChange={setAgency} />
        <Button type="primary" icon={<PlusOutlined />} disabled={!agency} onClick={() => setEditing('new')}>
          新增问答
        </Button>
      </ScreenHeader>
      <Typography.Text type="secondary">公开的问答显示在门户的“在线问答”中，并在公众填写留言时作为相似问题提示。已答复的留言可在留言详情中“加入问答库”。</Typography.Text>
      <Space wrap>
        <label htmlFor="faq-category">分类</label>
        <Select id="faq-category" allowClear placeholder="全部分类" style={{ minWidth: 180 }} value={category} onChange={setCategory} options={categories.map((c) => ({ value: c, label: c }))} />
        <label htmlFor="faq-state">状态</label>
        <Select<FaqState>
          id="faq-state"
          allowClear
          placeholder="全部"
          style={{ width: 120 }}
          value={state}
          onChange={setState}
          options={(['published', 'hidden'] as const).map((s) => ({ value: s, label: FAQ_STATE_LABELS[s] }))}
        />
      </Space>
      {Boolean(list.error) && <Alert type="error" showIcon title={errorText(list.error)} />}
      {conflict && <Alert type="warning" showIcon title={conflict} description="列表已刷新为最新内容。" closable={{ onClose: () => setConflict(null) }} />}
      <Table<FaqEntry>
        rowKey="id"
        locale={{ emptyText: <EmptyText>还没有问答。</EmptyText> }}
        loading={list.loading}
        dataSource={rows}
        pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (t) => `共 ${t} 条` }}
        columns={[
          { title: '分类', dataIndex: 'category', width: 120 },
          {
            title: '问题与答案',
            dataIndex: 'question',
            render: (q: string, e) => (
              <Space orientation="vertical" size={0}>
                <Typography.Text strong>{q}</Typography.Text>
                <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }} style={{ margin: 0 }}>
                  {e.answer}
                </Typography.Paragraph>
                {e.sourceMessageId && <Link to={`/messages/${e.sourceMessageId}`}>来源留言</Link>}
              </Space>
            ),
          },
          {
            title: '状态',
            dataIndex: 'state',
            width: 80,
            render: (s: FaqState) => (
              <Tag variant="solid" color={s === 'published' ? TAG_COLORS.green : TAG_COLORS.grey}>
                {FAQ_STATE_LABELS[s]}
              </Tag>
            ),
          },
          { title: '排序号', dataIndex: 'sortOrder', width: 80, align: 'right' },
          { title: '更新时间', dataIndex: 'updatedAt', width: 170, render: (at: string) => formatDateTime(at) },
          {
            title: '操作',
            width: 180,
            render: (_: unknown, e) => (
              <Space>
                <Button size="small" icon={<EditOutlined />} aria-label={`编辑 ${e.question}`} onClick={() => setEditing(e)}>
                  编辑
                </Button>
                <Button size="small" icon={e.state === 'published' ? <EyeInvisibleOutlined /> : <EyeOutlined />} aria-label={`${e.state === 'published' ? '隐藏' : '公开'} ${e.question}`} onClick={() => void toggle(e)}>
                  {e.state === 'published' ? '隐藏' : '公开'}
                </Button>
              </Space>
            ),
          },
        ]}
      />
      {agency && <FaqDialog key={editing === 'new' ? 'new' : `${editing?.id}:${editing?.version}`} agency={agency} entry={editing && editing !== 'new' ? editing : null} open={editing !== null} onClose={() => setEditing(null)} onSubmit={save} />}
    </Space>
  );
}
