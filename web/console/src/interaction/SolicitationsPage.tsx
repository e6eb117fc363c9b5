import { PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Radio, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api, query } from '../api.js';
import { useAgencies } from '../orgs/useOrgs.js';
import { errorText } from '../shared/feedback.js';
import { formatDateTime } from '../shared/format.js';
import { AgencySelect, ScreenHeader } from '../shared/ScreenHeader.js';
import { useSelectedAgency } from '../shared/useAgency.js';
import { useLoad } from '../shared/useLoad.js';
import { PAGE_SIZE, SOLICITATION_STATUS_LABELS } from './logic.js';
import { SolicitationDialog, type SolicitationBody } from './SolicitationDialog.js';
import { StatusTag } from './SolicitationTags.js';
import type { Solicitation, SolicitationList, SolicitationStatus, SolicitationSummary } from './types.js';
import { EmptyText } from './EmptyText.js';

const STATUSES: readonly SolicitationStatus[] = ['upcoming', 'open', 'closed'];

/** 意见征集 (/solicitations): the agency's consultations, their status from the clock, comments and feedback. */
export default function SolicitationsPage() {
  const { message } = App.useApp();
  const navigate = useNavigate();
  const agencies = useAgencies();
  const [agency, setAgency] = useSelectedAgency(agencies.data);
  const [params, setParams] = useSearchParams();
  const status = STATUSES.find((s) => s === params.get('status'));
  const page = Math.max(1, Math.trunc(Number(params.get('page') ?? '1')) || 1);
  const list = useLoad(
    async () => (agency ? api.get<SolicitationList>('/api/v1/solicitations' + query({ org: agency, status, page, pageSize: PAGE_SIZE })) : null),
    `${agency ?? ''}:${status ?? ''}:${page}`,
  );
  const [creating, setCreating] = useState(false);
  const set = (changes: Record<string, string | null>) =>
    setParams((p) => {
      for (const [k, v] of Object.entries(changes)) {
        if (v) p.set(k, v);
        else p.delete(k);
      }
      return p;
    });

  const create = async (b: SolicitationBody) => {
    const made = await api.post<Solicitation>('/api/v1/solicitations', { org: agency, ...b });
    void message.success('已发起意见征集');
    await navigate(`/solicitations/${made.id}`);
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <ScreenHeader title="意见征集">
        <AgencySelect id="solicitations-agency" agencies={agencies} value={agency} onChange={setAgency} />
        <Button type="primary" icon={<PlusOutlined />} disabled={!agency} onClick={() => setCreating(true)}>
          发起意见征集
        </Button>
      </ScreenHeader>
      <Typography.Text type="secondary">状态由起止时间决定：开始前为即将开始，截止前为正在征集，截止后为已结束。公众的意见审核后才显示。</Typography.Text>
      <Radio.Group
        aria-label="按状态筛选"
        optionType="button"
        value={status ?? 'all'}
        onChange={(e) => set({ status: e.target.value === 'all' ? null : String(e.target.value), page: null })}
        options={[{ value: 'all', label: '全部' }, ...STATUSES.map((s) => ({ value: s, label: SOLICITATION_STATUS_LABELS[s] }))]}
      />
      {Boolean(list.error) && <Alert type="error" showIcon title={errorText(list.error)} />}
      <Table<SolicitationSummary>
        rowKey="id"
        locale={{ emptyText: <EmptyText>还没有意见征集。</EmptyText> }}
        loading={list.loading}
        dataSource={list.data?.solicitations ?? []}
        pagination={{ current: page, pageSize: PAGE_SIZE, total: list.data?.total ?? 0, showSizeChanger: false, showTotal: (t) => `共 ${t} 条`, onChange: (p) => set({ page: String(p) }) }}
        columns={[
          {
            title: '标题',
            dataIndex: 'title',
            render: (t: string, s) => (
              <Space orientation="vertical" size={0}>
                <Link to={`/solicitations/${s.id}`}>{t}</Link>
                <Typography.Text type="secondary" ellipsis style={{ maxWidth: 480 }}>
                  {s.summary}
                </Typography.Text>
              </Space>
            ),
          },
          { title: '状态', dataIndex: 'status', width: 100, render: (st: SolicitationStatus) => <StatusTag status={st} /> },
          { title: '开始时间', dataIndex: 'opensAt', width: 170, render: (at: string) => formatDateTime(at) },
          { title: '截止时间', dataIndex: 'closesAt', width: 170, render: (at: string) => formatDateTime(at) },
          { title: '已显示意见', dataIndex: 'commentCount', width: 110, align: 'right' },
          { title: '采纳情况', dataIndex: 'feedbackPublished', width: 100, render: (p: boolean) => (p ? '已公布' : '未公布') },
        ]}
      />
      <SolicitationDialog entry={null} open={creating} onClose={() => setCreating(false)} onSubmit={create} />
    </Space>
  );
}
