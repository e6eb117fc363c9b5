import { PlusOutlined } from '@ant-design/icons';
import { Alert, App, Badge, Button, Form, Input, Modal, Space, Table, Tabs, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api } from '../api.js';
import { useSession } from '../session.js';
import { BulkResultModal, type BulkResultRow } from '../shared/BulkResultModal.js';
import { errorText, reportError } from '../shared/feedback.js';
import { formatDateTime } from '../shared/format.js';
import { query } from '../shared/query.js';
import { useLoad } from '../shared/useLoad.js';
import { BULK_LABELS, bulkRows, rowDecision, STATE_COLORS, STATE_LABELS, visibleQueues, type Queue, TAG_COLORS } from './logic.js';
import type { BulkAction, BulkResult, WorkbenchPage as Page, WorkbenchRow } from './types.js';

const PAGE_SIZE = 20;

async function loadQueue(queue: Queue, q: string, page: number): Promise<Page> {
  const params = (state: string, p: number, size: number) => query({ state, mine: queue.mine ? '1' : undefined, q, page: p, pageSize: size });
  if (queue.states.length === 1) return api.get<Page>('/api/v1/workbench/items' + params(queue.states[0]!, page, PAGE_SIZE));
  // Several states (草稿 and 已退回): the newest 200 of each, merged and paged here.
  const parts = await Promise.all(queue.states.map((s) => api.get<Page>('/api/v1/workbench/items' + params(s, 1, 200))));
  const items = parts.flatMap((p) => p.items).sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
  return { total: parts.reduce((n, p) => n + p.total, 0), items: items.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE) };
}

async function countQueue(queue: Queue): Promise<number> {
  const totals = await Promise.all(
    queue.states.map((s) => api.get<Page>('/api/v1/workbench/items' + query({ state: s, mine: queue.mine ? '1' : undefined, pageSize: 1 }))),
  );
  return totals.reduce((n, p) => n + p.total, 0);
}

/** 发布工作台: the work queues as tabs with their counts, search, and bulk actions with a per-item result. */
export default function WorkbenchPage() {
  const { actions, can } = useSession();
  const { message, modal } = App.useApp();
  const queues = visibleQueues(actions);
  const [params, setParams] = useSearchParams();
  const queue = queues.find((q) => q.key === params.get('queue')) ?? queues[0];
  const q = params.get('q') ?? '';
  const page = Number(params.get('page') ?? '1') || 1;
  const [tick, setTick] = useState(0);
  const [selected, setSelected] = useState<string[]>([]);
  const [ask, setAsk] = useState<BulkAction | null>(null);
  const [results, setResults] = useState<{ action: BulkAction; rows: BulkResultRow[] } | null>(null);
  const [busy, setBusy] = useState(false);

  const list = useLoad(async () => (queue ? loadQueue(queue, q, page) : { total: 0, items: [] }), `${queue?.key}:${q}:${page}:${tick}`);
  const counts = useLoad(async () => Object.fromEntries(await Promise.all(queues.map(async (x) => [x.key, await countQueue(x)] as const))), `counts:${tick}`);
  const rows = useMemo(() => list.data?.items ?? [], [list.data]);

  const setParam = (changes: Record<string, string | null>) =>
    setParams((p) => {
      for (const [k, v] of Object.entries(changes)) {
        if (v === null || v === '') p.delete(k);
        else p.set(k, v);
      }
      return p;
    });

  const runBulk = async (action: BulkAction, extra: { comment?: string; reason?: string } = {}) => {
    setBusy(true);
    try {
      const out = await api.post<BulkResult>('/api/v1/items/bulk', { action, ids: selected, ...extra });
      setResults({ action, rows: bulkRows(out, new Map(rows.map((r) => [r.id, r.title]))) });
      setSelected([]);
      setTick((t) => t + 1);
    } catch (e) {
      reportError(e, message);
    } finally {
      setBusy(false);
    }
  };

  const startBulk = (action: BulkAction) => {
    if (action === 'reject' || action === 'withdraw') {
      setAsk(action);
      return;
    }
    modal.confirm({
      title: `${BULK_LABELS[action]}所选 ${selected.length} 条信息？`,
      content: '逐条办理，每条的结果将列出。',
      okText: BULK_LABELS[action],
      cancelText: '取消',
      onOk: () => runBulk(action),
    });
  };

  if (!queue) return <Alert type="info" showIcon title="您的角色没有信息发布的工作。" />;

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={1} style={{ fontSize: 20, margin: 0 }}>
          发布工作台
        </Typography.Title>
        <Space wrap>
          <Input.Search
            aria-label="按标题搜索"
            placeholder="按标题搜索"
            allowClear
            defaultValue={q}
            onSearch={(v) => setParam({ q: v.trim(), page: null })}
            style={{ width: 260 }}
            enterButton="搜索"
          />
          {can('item.create') && (
            <Link to="/publishing/new">
              <Button type="primary" icon={<PlusOutlined />}>
                新建信息
              </Button>
            </Link>
          )}
        </Space>
      </Space>
      <Tabs
        activeKey={queue.key}
        onChange={(key) => {
          setSelected([]);
          setParam({ queue: key, page: null });
        }}
        items={queues.map((x) => ({
          key: x.key,
          label: (
            <span>
              {x.label}
              <Badge
                count={counts.data?.[x.key] ?? 0}
                showZero
                overflowCount={999}
                color={counts.data?.[x.key] ? '#0958d9' : '#595959'}
                style={{ marginLeft: 6 }}
                aria-label={`${counts.data?.[x.key] ?? 0} 条`}
              />
            </span>
          ),
        }))}
      />
      {Boolean(list.error) && <Alert type="error" showIcon title={errorText(list.error)} />}
      {queue.actions.length > 0 && (
        <Space wrap role="group" aria-label="批量操作">
          <Typography.Text>已选 {selected.length} 条</Typography.Text>
          {queue.actions.map((a) => (
            <Button key={a} danger={a === 'reject' || a === 'withdraw'} disabled={selected.length === 0} loading={busy} onClick={() => startBulk(a)}>
              批量{BULK_LABELS[a]}
            </Button>
          ))}
        </Space>
      )}
      <Table<WorkbenchRow>
        rowKey="id"
        loading={list.loading}
        dataSource={rows}
        rowSelection={
          queue.actions.length > 0
            ? {
                selectedRowKeys: selected,
                onChange: (keys) => setSelected(keys.map(String)),
                // Four eyes: a row this person may not decide is not offered for the queue's bulk action.
                getCheckboxProps: (r) => ({ 'aria-label': `选择“${r.title}”`, disabled: !rowDecision(queue, r).allowed }),
              }
            : undefined
        }
        pagination={{
          current: page,
          pageSize: PAGE_SIZE,
          total: list.data?.total ?? 0,
          showSizeChanger: false,
          showTotal: (t) => `共 ${t} 条`,
          onChange: (p) => setParam({ page: String(p) }),
        }}
        columns={[
          {
            title: '标题',
            dataIndex: 'title',
            render: (t: string, r) => (
              <Space orientation="vertical" size={0}>
                <Link to={`/publishing/items/${r.id}`}>{t}</Link>
                {r.rejectComment && r.state === 'rejected' && <Typography.Text type="danger">退回意见：{r.rejectComment}</Typography.Text>}
                {rowDecision(queue, r).reason && <Typography.Text type="secondary">须由他人办理：{rowDecision(queue, r).reason}</Typography.Text>}
              </Space>
            ),
          },
          { title: '发文字号', dataIndex: 'docNumber', render: (v: string | null) => v ?? '' },
          { title: '类别', dataIndex: 'category', width: 80 },
          { title: '索引号', dataIndex: 'indexNumber', render: (v: string | null) => v ?? '' },
          { title: '科室', dataIndex: 'unitName' },
          {
            title: '状态',
            dataIndex: 'state',
            render: (s: WorkbenchRow['state'], r) => (
              <Space size={4} wrap>
                <Tag variant="solid" color={STATE_COLORS[s]}>{STATE_LABELS[s]}</Tag>
                {r.live === 'published' && s !== 'published' && <Tag variant="solid" color={TAG_COLORS.green}>现行已发布</Tag>}
                {r.revision > 1 && <Typography.Text type="secondary">第 {r.revision} 版</Typography.Text>}
              </Space>
            ),
          },
          {
            title: queue.key === 'scheduled' ? '定时发布时间' : queue.key === 'published' ? '发布时间' : '更新时间',
            render: (_: unknown, r) => formatDateTime(queue.key === 'scheduled' ? r.scheduledAt : queue.key === 'published' ? r.publishedAt : r.updatedAt),
          },
        ]}
      />

      <BulkTextDialog
        action={ask}
        count={selected.length}
        onClose={() => setAsk(null)}
        onSubmit={async (text) => {
          const a = ask!;
          setAsk(null);
          await runBulk(a, a === 'reject' ? { comment: text } : { reason: text });
        }}
      />
      <BulkResultModal
        title={results ? `批量${BULK_LABELS[results.action]}结果` : null}
        subject="信息"
        rows={results?.rows ?? []}
        onClose={() => setResults(null)}
      />
    </Space>
  );
}

function BulkTextDialog({ action, count, onClose, onSubmit }: { action: BulkAction | null; count: number; onClose: () => void; onSubmit: (text: string) => Promise<void> }) {
  const [form] = Form.useForm<{ text: string }>();
  const label = action === 'reject' ? '退回意见' : '撤回理由';
  return (
    <Modal
      title={action ? `批量${BULK_LABELS[action]}（${count} 条）` : ''}
      open={action !== null}
      okText={action ? BULK_LABELS[action] : '确定'}
      okButtonProps={{ danger: true }}
      cancelText="取消"
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" preserve={false} onFinish={(v) => void onSubmit(v.text.trim())}>
        <Form.Item name="text" label={label} rules={[{ required: true, whitespace: true, message: `请填写${label}` }]}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={action === 'reject' ? 1000 : 500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
