import { PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, DatePicker, Drawer, Form, Input, InputNumber, Popconfirm, Radio, Select, Space, Table, Tag, Timeline, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import 'dayjs/locale/zh-cn';
import { useState } from 'react';
import { api, query } from '../api.js';
import { useAgencies } from '../orgs/useOrgs.js';
import { useSession } from '../session.js';
import { errorText } from '../shared/feedback.js';
import { FormModal } from '../shared/FormModal.js';
import { formatDateTime } from '../shared/format.js';
import { useSelectedAgency } from '../shared/useAgency.js';
import { useLoad } from '../shared/useLoad.js';
import { EventFields, toEventInput, type EventValues } from './EventFields.js';
import { Explanation } from './Explanation.js';
import { changeText, EVENT_LABELS, remainingTone } from './logic.js';
import type { DeadlineDetail, DeadlineEventRecord, DeadlineSummary } from './types.js';

dayjs.locale('zh-cn');

const STATUS: Record<string, { label: string; color: string }> = {
  running: { label: '计时中', color: 'processing' },
  paused: { label: '已暂停', color: 'warning' },
};

/** 办理时限: the open (or closed) deadlines of an agency, soonest first; each opens with its explanation and history. */
export default function DeadlinesPage() {
  const { can } = useSession();
  const { message } = App.useApp();
  const agencies = useAgencies();
  const [agency, setAgency] = useSelectedAgency(agencies.data);
  const [state, setState] = useState<'open' | 'closed'>('open');
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const [creating, setCreating] = useState(false);
  const [openId, setOpenId] = useState<string | null>(null);
  const list = useLoad(
    async () => (agency ? api.get<{ total: number; deadlines: DeadlineSummary[] }>('/api/v1/deadlines' + query({ org: agency, state, ...page })) : undefined),
    JSON.stringify([agency, state, page]),
  );
  const manage = can('deadline.manage');

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={1} style={{ fontSize: 20, margin: 0 }}>
          办理时限
        </Typography.Title>
        <Space wrap>
          <label htmlFor="deadlines-agency">机关</label>
          <Select
            id="deadlines-agency"
            style={{ minWidth: 200 }}
            value={agency}
            onChange={(v) => {
              setAgency(v);
              setPage((p) => ({ ...p, page: 1 }));
            }}
            loading={agencies.loading}
            options={(agencies.data ?? []).map((a) => ({ value: a.code, label: a.name }))}
          />
          <Radio.Group
            aria-label="状态"
            optionType="button"
            value={state}
            onChange={(e) => {
              setState(e.target.value as 'open' | 'closed');
              setPage((p) => ({ ...p, page: 1 }));
            }}
            options={[
              { value: 'open', label: '进行中' },
              { value: 'closed', label: '已结束' },
            ]}
          />
          {manage && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} disabled={!agency}>
              新建办理时限
            </Button>
          )}
        </Space>
      </Space>
      {Boolean(list.error) && <Alert type="error" showIcon title={errorText(list.error)} />}
      <Table<DeadlineSummary>
        rowKey="id"
        size="middle"
        loading={list.loading}
        dataSource={list.data?.deadlines ?? []}
        locale={{ emptyText: state === 'open' ? '暂无进行中的办理时限' : '暂无已结束的办理时限' }}
        pagination={{
          current: page.page,
          pageSize: page.pageSize,
          total: list.data?.total ?? 0,
          showTotal: (t) => `共 ${t} 条`,
          onChange: (p, pageSize) => setPage({ page: p, pageSize }),
        }}
        columns={[
          {
            title: '事项',
            dataIndex: 'label',
            render: (label: string, d) => (
              <Button type="link" style={{ padding: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'left' }} onClick={() => setOpenId(d.id)}>
                {label}
              </Button>
            ),
          },
          { title: '截止日期', dataIndex: 'dueDate', width: 120, render: (d: string | null) => d ?? '—' },
          {
            title: '剩余',
            key: 'remaining',
            width: 170,
            render: (_, d) => {
              if (d.closedAt) return '—';
              const tone = remainingTone(d.remainingWorkingDays, d.overdue);
              return tone.color ? <Tag color={tone.color}>{tone.text}</Tag> : tone.text;
            },
          },
          {
            title: '状态',
            dataIndex: 'status',
            width: 100,
            render: (s: string, d) => (d.closedAt ? <Tag>已结束</Tag> : <Tag color={STATUS[s]?.color}>{STATUS[s]?.label ?? s}</Tag>),
          },
          { title: '建立时间', dataIndex: 'createdAt', width: 170, render: (at: string) => formatDateTime(at) },
        ]}
      />
      {agency && (
        <CreateModal
          open={creating}
          agency={agency}
          onClose={() => setCreating(false)}
          onCreated={(id) => {
            void message.success('已新建办理时限');
            list.reload();
            setOpenId(id);
          }}
        />
      )}
      <DeadlineDrawer id={openId} manage={manage} onClose={() => setOpenId(null)} onChanged={list.reload} />
    </Space>
  );
}

interface CreateValues {
  label: string;
  start: Dayjs;
  workingDays: number;
}

function CreateModal({ open, agency, onClose, onCreated }: { open: boolean; agency: string; onClose: () => void; onCreated: (id: string) => void }) {
  return (
    <FormModal<CreateValues>
      title="新建办理时限"
      open={open}
      okText="创建"
      initialValues={{ workingDays: 20 }}
      onClose={onClose}
      onSubmit={async (v) => {
        const { id } = await api.post<{ id: string }>('/api/v1/deadlines', {
          org: agency,
          label: v.label,
          start: v.start.format('YYYY-MM-DD'),
          workingDays: v.workingDays,
        });
        onCreated(id);
      }}
    >
      <Form.Item label="事项名称" name="label" rules={[{ required: true, whitespace: true, message: '请填写事项名称' }]}>
        <Input maxLength={200} placeholder="如：张某某政府信息公开申请答复" />
      </Form.Item>
      <Form.Item label="起算日期" name="start" rules={[{ required: true, message: '请选择起算日期' }]} extra="当日不计入，从次日开始计算">
        <DatePicker style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item label="工作日数" name="workingDays" rules={[{ required: true, message: '请填写工作日数' }]}>
        <InputNumber min={1} max={1000} precision={0} style={{ width: '100%' }} />
      </Form.Item>
    </FormModal>
  );
}

function eventText(e: DeadlineEventRecord): string {
  const parts = [EVENT_LABELS[e.type] ?? e.type, e.date ?? e.from ?? ''];
  if (e.type === 'start' && e.workingDays) parts.push(`时限 ${e.workingDays} 个工作日`);
  if (e.type === 'extend' && e.days) parts.push(`延长 ${e.days} 个工作日`);
  if (e.reason) parts.push(`理由：${e.reason}`);
  if (e.approver) parts.push(`批准人：${e.approver}`);
  return parts.filter(Boolean).join('，');
}

function DeadlineDrawer({ id, manage, onClose, onChanged }: { id: string | null; manage: boolean; onClose: () => void; onChanged: () => void }) {
  const { message } = App.useApp();
  const detail = useLoad(async () => (id ? api.get<DeadlineDetail>(`/api/v1/deadlines/${encodeURIComponent(id)}`) : undefined), id ?? '');
  const [recording, setRecording] = useState(false);
  const d = detail.data && detail.data.id === id ? detail.data : undefined;
  const open = d?.state === 'open';

  const close = async () => {
    if (!d) return;
    try {
      await api.post(`/api/v1/deadlines/${encodeURIComponent(d.id)}/close`);
      void message.success('办理时限已结束');
      detail.reload();
      onChanged();
    } catch (e) {
      void message.error(errorText(e));
    }
  };

  return (
    <Drawer
      title={d ? d.label : '办理时限'}
      open={id !== null}
      onClose={onClose}
      size={640}
      extra={
        manage &&
        open && (
          <Space>
            <Button onClick={() => setRecording(true)}>记录事件</Button>
            <Popconfirm title="结束这个办理时限？" description="结束后不再计时，也不再随日历变更重新计算。" okText="结束" cancelText="取消" onConfirm={close}>
              <Button danger>结束</Button>
            </Popconfirm>
          </Space>
        )
      }
    >
      {Boolean(detail.error) && <Alert type="error" showIcon title={errorText(detail.error)} />}
      {d && (
        <Space orientation="vertical" size="large" style={{ width: '100%' }}>
          <Space wrap>
            {d.state === 'closed' ? <Tag>已结束</Tag> : <Tag color={STATUS[d.status]?.color}>{STATUS[d.status]?.label}</Tag>}
            {d.state === 'open' &&
              (() => {
                const tone = remainingTone(d.remainingWorkingDays, d.overdue);
                return <Tag color={tone.color}>{tone.text}</Tag>;
              })()}
          </Space>
          <Explanation result={d.result} />
          <section aria-label="事件记录">
            <Typography.Title level={3} style={{ fontSize: 15 }}>
              事件记录
            </Typography.Title>
            <Timeline
              items={d.events.map((e) => ({
                key: e.seq,
                title: formatDateTime(e.recordedAt),
                content: (
                  <span>
                    {eventText(e)}
                    <Typography.Text type="secondary">（{e.recordedBy}）</Typography.Text>
                  </span>
                ),
              }))}
            />
          </section>
          <section aria-label="日历变更">
            <Typography.Title level={3} style={{ fontSize: 15 }}>
              日历变更
            </Typography.Title>
            {d.changes.length === 0 ? (
              <Typography.Text type="secondary">节假日安排没有变动过这个时限的截止日期。</Typography.Text>
            ) : (
              <Timeline items={d.changes.map((c, i) => ({ key: i, title: formatDateTime(c.at), content: changeText(c), color: 'orange' }))} />
            )}
          </section>
        </Space>
      )}
      {d && (
        <RecordModal
          open={recording}
          id={d.id}
          onClose={() => setRecording(false)}
          onDone={() => {
            void message.success('已记录，截止日期已重新计算');
            detail.reload();
            onChanged();
          }}
        />
      )}
    </Drawer>
  );
}

function RecordModal({ open, id, onClose, onDone }: { open: boolean; id: string; onClose: () => void; onDone: () => void }) {
  return (
    <FormModal<EventValues>
      title="记录暂停、恢复、延长或重新起算"
      open={open}
      okText="记录"
      initialValues={{ type: 'pause', date: dayjs() }}
      onClose={onClose}
      onSubmit={async (v) => {
        await api.post(`/api/v1/deadlines/${encodeURIComponent(id)}/events`, toEventInput(v));
        onDone();
      }}
    >
      {(form) => <EventFields prefix={[]} form={form} />}
    </FormModal>
  );
}
