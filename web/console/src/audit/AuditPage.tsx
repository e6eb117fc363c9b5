import { DownloadOutlined, SafetyCertificateOutlined, SearchOutlined } from '@ant-design/icons';
import { Alert, App, AutoComplete, Button, DatePicker, Form, Input, Select, Space, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import 'dayjs/locale/zh-cn';
import { useState } from 'react';
import { api, query } from '../api.js';
import { useSession } from '../session.js';
import { errorText } from '../shared/feedback.js';
import { formatDateTime } from '../shared/format.js';
import { useLoad } from '../shared/useLoad.js';
import type { AuditRecord } from '../types.js';
import { toAuditFilters, type AuditFilters } from './filters.js';
import { ACTION_LABELS, actionLabel, chainBreakText, OBJECT_TYPE_LABELS, objectName, OUTCOME_LABELS, type ChainBreak } from './labels.js';

// The date picker names months and weekdays in Chinese and starts the week on Monday.
dayjs.locale('zh-cn');

interface FormValues {
  actor?: string;
  action?: string;
  objectType?: string;
  objectId?: string;
  outcome?: string;
  range?: [Dayjs | null, Dayjs | null] | null;
}

interface VerifyResult {
  ok: boolean;
  count: number;
  break?: ChainBreak;
}

/** The audit log is read-only: filters, details, export and the hash-chain check; nothing here changes a record. */
export default function AuditPage() {
  const { message } = App.useApp();
  const { roleLabel } = useSession();
  const [form] = Form.useForm<FormValues>();
  const [filters, setFilters] = useState<AuditFilters>({});
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const [verify, setVerify] = useState<VerifyResult | null>(null);
  const [verifying, setVerifying] = useState(false);
  const list = useLoad(
    () => api.get<{ total: number; records: AuditRecord[] }>('/api/v1/audit' + query({ ...filters, ...page })),
    JSON.stringify([filters, page]),
  );

  const search = (v: FormValues) => {
    const day = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : undefined);
    setFilters(toAuditFilters({ ...v, range: v.range ? [day(v.range[0]), day(v.range[1])] : null }));
    setPage((p) => ({ ...p, page: 1 }));
  };

  const runVerify = async () => {
    setVerifying(true);
    try {
      setVerify(await api.post<VerifyResult>('/api/v1/audit/verify'));
      // The check is itself audited: show that record too.
      list.reload();
    } catch (e) {
      void message.error(errorText(e));
    } finally {
      setVerifying(false);
    }
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={1} style={{ fontSize: 20, margin: 0 }}>
          审计日志
        </Typography.Title>
        <Space wrap>
          <Button icon={<DownloadOutlined />} href={'/api/v1/audit/export.csv' + query({ ...filters })}>
            导出 CSV
          </Button>
          <Button icon={<SafetyCertificateOutlined />} loading={verifying} onClick={() => void runVerify()}>
            校验哈希链
          </Button>
        </Space>
      </Space>
      {verify && (
        <Alert
          type={verify.ok ? 'success' : 'error'}
          showIcon
          closable={{ onClose: () => setVerify(null) }}
          title={verify.ok ? `哈希链完整：已校验 ${verify.count} 条记录` : `哈希链断裂：共 ${verify.count} 条记录`}
          description={verify.break ? chainBreakText(verify.break) : undefined}
        />
      )}

      <Form form={form} layout="inline" onFinish={search} role="search" aria-label="筛选审计记录" style={{ rowGap: 8 }}>
        <Form.Item label="操作人" name="actor" tooltip="用户名，精确匹配">
          <Input allowClear style={{ width: 140 }} />
        </Form.Item>
        <Form.Item label="操作" name="action">
          <AutoComplete
            allowClear
            style={{ width: 180 }}
            options={Object.entries(ACTION_LABELS).map(([value, label]) => ({ value, label: `${label}（${value}）` }))}
            showSearch={{ filterOption: (input, option) => String(option?.label ?? '').toLowerCase().includes(input.toLowerCase()) }}
          />
        </Form.Item>
        <Form.Item label="对象类型" name="objectType">
          <Select
            allowClear
            style={{ width: 120 }}
            options={Object.entries(OBJECT_TYPE_LABELS).map(([value, label]) => ({ value, label }))}
          />
        </Form.Item>
        <Form.Item label="对象 ID" name="objectId">
          <Input allowClear style={{ width: 160 }} />
        </Form.Item>
        <Form.Item label="结果" name="outcome">
          <Select
            allowClear
            style={{ width: 100 }}
            options={Object.entries(OUTCOME_LABELS).map(([value, o]) => ({ value, label: o.label }))}
          />
        </Form.Item>
        <Form.Item label="日期" name="range">
          <DatePicker.RangePicker allowEmpty={[true, true]} />
        </Form.Item>
        <Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>
              查询
            </Button>
            <Button
              onClick={() => {
                form.resetFields();
                search({});
              }}
            >
              重置
            </Button>
          </Space>
        </Form.Item>
      </Form>
      {Boolean(list.error) && <Alert type="error" showIcon title={errorText(list.error)} />}

      <Table<AuditRecord>
        rowKey="seq"
        size="middle"
        loading={list.loading}
        dataSource={list.data?.records ?? []}
        scroll={{ x: 1100 }}
        expandable={{
          expandedRowRender: (r) => <RecordDetails record={r} />,
        }}
        pagination={{
          current: page.page,
          pageSize: page.pageSize,
          total: list.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (t) => `共 ${t} 条`,
          onChange: (p, pageSize) => setPage({ page: p, pageSize }),
        }}
        columns={[
          { title: '序号', dataIndex: 'seq', width: 80 },
          { title: '时间', dataIndex: 'at', width: 170, render: (at: string) => formatDateTime(at) },
          {
            title: '操作人',
            key: 'actor',
            render: (_, r) => (
              <Space orientation="vertical" size={0}>
                <span>{r.actorName ?? '（系统）'}</span>
                {r.actorRoles && (
                  <Typography.Text type="secondary">
                    {r.actorRoles
                      .split(',')
                      .map((role) => roleLabel(role))
                      .join('、')}
                  </Typography.Text>
                )}
              </Space>
            ),
          },
          {
            title: '操作',
            dataIndex: 'action',
            render: (a: string) => (
              <Space orientation="vertical" size={0}>
                <span>{actionLabel(a)}</span>
                <Typography.Text type="secondary" code>
                  {a}
                </Typography.Text>
              </Space>
            ),
          },
          {
            title: '对象',
            key: 'object',
            render: (_, r) => (
              <Space orientation="vertical" size={0}>
                <span>{r.objectType ? (OBJECT_TYPE_LABELS[r.objectType] ?? r.objectType) : ''}</span>
                <span>{objectName(r.objectId, r.summary)}</span>
              </Space>
            ),
          },
          {
            title: '结果',
            dataIndex: 'outcome',
            width: 80,
            render: (o: string) => <Tag color={OUTCOME_LABELS[o]?.color}>{OUTCOME_LABELS[o]?.label ?? o}</Tag>,
          },
          { title: '地址', dataIndex: 'ip', width: 130 },
        ]}
      />
    </Space>
  );
}

function RecordDetails({ record }: { record: AuditRecord }) {
  return (
    <div>
      <Typography.Paragraph style={{ marginBottom: 4 }}>
        对象 ID：<Typography.Text code>{record.objectId ?? '—'}</Typography.Text>
        {'　'}请求号：
        <Typography.Text code>{record.requestId ?? '—'}</Typography.Text>
      </Typography.Paragraph>
      <Typography.Paragraph style={{ marginBottom: 4 }}>
        哈希：<Typography.Text code style={{ wordBreak: 'break-all' }}>{record.hash}</Typography.Text>
      </Typography.Paragraph>
      <pre aria-label="摘要" style={{ background: '#fafafa', padding: 12, margin: 0, maxHeight: 360, overflow: 'auto', fontSize: 12 }}>
        {record.summary === null || record.summary === undefined ? '（无摘要）' : JSON.stringify(record.summary, null, 2)}
      </pre>
    </div>
  );
}
