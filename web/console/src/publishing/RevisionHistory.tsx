import { Alert, Card, Empty, Select, Space, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { api } from '../api.js';
import { errorText } from '../shared/feedback.js';
import { formatDateTime } from '../shared/format.js';
import { useLoad } from '../shared/useLoad.js';
import { diffText, fieldChanges, hasChanges, htmlToText, type DiffLine } from './diff.js';
import { fieldLabel, STATE_COLORS, STATE_LABELS, TAG_COLORS } from './logic.js';
import type { Revision } from './types.js';

const META_FIELDS = ['title', 'summary', 'docNumber', 'changeNote'] as const;

/** 修订历史: every revision of the item, and the difference between any two of them. */
export function RevisionHistory({ itemId, version }: { itemId: string; version: number }) {
  const revisions = useLoad(
    async () => (await api.get<{ revisions: Revision[] }>(`/api/v1/items/${encodeURIComponent(itemId)}/revisions`)).revisions,
    `${itemId}:${version}`,
  );
  const list = revisions.data ?? [];
  const [picked, setPicked] = useState<{ from?: number; to?: number }>({});
  const to = picked.to ?? list[list.length - 1]?.revision;
  const from = picked.from ?? list[list.length - 2]?.revision ?? to;
  const a = list.find((r) => r.revision === from);
  const b = list.find((r) => r.revision === to);

  const diff = useMemo(() => (a && b ? { meta: fieldChanges(a, b, META_FIELDS), body: diffText(htmlToText(a.body), htmlToText(b.body)) } : null), [a, b]);
  const options = list.map((r) => ({ value: r.revision, label: `第 ${r.revision} 版（${STATE_LABELS[r.state]}）` }));

  return (
    <Card title="修订历史" loading={revisions.loading && !revisions.data}>
      {Boolean(revisions.error) && <Alert type="error" showIcon title={errorText(revisions.error)} />}
      <Table<Revision>
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={list}
        columns={[
          { title: '版本', dataIndex: 'revision', width: 70, render: (n: number) => `第 ${n} 版` },
          {
            title: '状态',
            dataIndex: 'state',
            render: (s: Revision['state'], r) => (
              <Space size={4} wrap>
                <Tag variant="solid" color={STATE_COLORS[s]}>{STATE_LABELS[s]}</Tag>
                {r.live && <Tag variant="solid" color={TAG_COLORS.green}>现行</Tag>}
                {r.working && <Tag variant="solid" color={TAG_COLORS.blue}>工作稿</Tag>}
              </Space>
            ),
          },
          { title: '标题', dataIndex: 'title' },
          { title: '修改说明', dataIndex: 'changeNote', render: (v: string | null) => v ?? '' },
          { title: '更新时间', dataIndex: 'updatedAt', render: (v: string) => formatDateTime(v) },
        ]}
      />
      {list.length > 1 && (
        <section aria-label="版本比较" style={{ marginTop: 16 }}>
          <Space wrap>
            <label htmlFor="diff-from">比较</label>
            <Select id="diff-from" style={{ width: 200 }} value={from} options={options} onChange={(v: number) => setPicked((p) => ({ ...p, from: v }))} />
            <label htmlFor="diff-to">与</label>
            <Select id="diff-to" style={{ width: 200 }} value={to} options={options} onChange={(v: number) => setPicked((p) => ({ ...p, to: v }))} />
          </Space>
          {diff && <DiffView meta={diff.meta} body={diff.body} />}
        </section>
      )}
    </Card>
  );
}

function DiffView({ meta, body }: { meta: ReturnType<typeof fieldChanges>; body: DiffLine[] }) {
  if (meta.length === 0 && !hasChanges(body)) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="两个版本没有差异" />;
  return (
    <Space orientation="vertical" style={{ width: '100%', marginTop: 12 }}>
      {meta.length > 0 && (
        <Table
          size="small"
          rowKey="field"
          pagination={false}
          dataSource={meta}
          columns={[
            { title: '项目', dataIndex: 'field', width: 100, render: (f: string) => fieldLabel(f) },
            { title: '修改前', dataIndex: 'before', render: (v: string) => <del className="gk-del">{v}</del> },
            { title: '修改后', dataIndex: 'after', render: (v: string) => <ins className="gk-add">{v}</ins> },
          ]}
        />
      )}
      <Typography.Text strong>正文差异</Typography.Text>
      <Typography.Text type="secondary">删除的文字带删除线，增加的文字带下划线。</Typography.Text>
      <ul className="gk-diff" aria-label="正文差异">
        {body.map((line, i) => (
          <li key={i}>
            {line.type === 'change' ? (
              line.parts.map((p, j) => (p.type === 'same' ? <span key={j}>{p.text}</span> : p.type === 'add' ? <ins key={j}>{p.text}</ins> : <del key={j}>{p.text}</del>))
            ) : line.type === 'same' ? (
              <span>{line.text}</span>
            ) : line.type === 'add' ? (
              <ins>{line.text}</ins>
            ) : (
              <del>{line.text}</del>
            )}
          </li>
        ))}
      </ul>
    </Space>
  );
}
