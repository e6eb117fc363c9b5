import { DeleteOutlined, ImportOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, DatePicker, Form, Input, Modal, Popconfirm, Radio, Select, Space, Table, Tag, Typography, Upload } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import 'dayjs/locale/zh-cn';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { api, ApiError } from '../api.js';
import { useAgencies } from '../orgs/useOrgs.js';
import { useSession } from '../session.js';
import { errorText } from '../shared/feedback.js';
import { FormModal } from '../shared/FormModal.js';
import { formatDateTime } from '../shared/format.js';
import { useSelectedAgency } from '../shared/useAgency.js';
import { useLoad } from '../shared/useLoad.js';
import { holidayRuns, parseNoticeFile, WEEKDAYS, type HolidayRun } from './logic.js';
import type { CalendarDay, CalendarOverride, CalendarYear, HolidayNotice, ImportedNotice } from './types.js';

dayjs.locale('zh-cn');

const thisYear = () => Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date()));

function SourceTag({ source }: { source: string | undefined }) {
  return source === 'agency' ? <Tag color="orange">本机关</Tag> : <Tag color="blue">全国</Tag>;
}

/** 工作日历: an agency's holidays and make-up days by year; its own adjustments; importing a year's notice. */
export default function CalendarPage() {
  const { can } = useSession();
  const { message } = App.useApp();
  const agencies = useAgencies();
  const [agency, setAgency] = useSelectedAgency(agencies.data);
  const [params, setParams] = useSearchParams();
  const year = Number(params.get('year')) || thisYear();
  const setYear = (y: number) =>
    setParams(
      (p) => {
        p.set('year', String(y));
        return p;
      },
      { replace: true },
    );
  const [known, setKnown] = useState<number[]>([]);
  const calendar = useLoad(async () => {
    if (!agency) return undefined;
    const data = await api.get<CalendarYear>(`/api/v1/calendar?org=${encodeURIComponent(agency)}&year=${year}`);
    setKnown(data.coveredYears);
    return data;
  }, `${agency}|${year}`);
  const notices = useLoad(
    async () => (agency ? (await api.get<{ notices: ImportedNotice[] }>(`/api/v1/calendar/notices?org=${encodeURIComponent(agency)}`)).notices : []),
    `${agency}|notices`,
  );
  const overrides = useLoad(async () => {
    if (!agency) return [];
    // The overrides of every year: asked with a year the calendar covers (they do not depend on it).
    const y = known.length ? known.at(-1)! : year;
    return (await api.get<CalendarYear>(`/api/v1/calendar?org=${encodeURIComponent(agency)}&year=${y}`)).overrides;
  }, `${agency}|overrides|${known.at(-1) ?? ''}`);
  const [adding, setAdding] = useState(false);
  const [importing, setImporting] = useState(false);
  const editable = can('calendar.edit');
  const noCalendar = calendar.error instanceof ApiError && calendar.error.code === 'no_calendar';
  const years = [...new Set([...known, year, (known.at(-1) ?? year) + 1])].sort((a, b) => b - a);

  const reloadAll = () => {
    calendar.reload();
    overrides.reload();
    notices.reload();
  };

  const remove = async (o: CalendarOverride) => {
    try {
      const { recomputed } = await api.delete<{ recomputed: number }>(`/api/v1/calendar/overrides/${encodeURIComponent(o.id)}`);
      void message.success(`已撤销 ${o.date}（${o.name}）的调整；已重新计算 ${recomputed} 个办理时限`);
      reloadAll();
    } catch (e) {
      void message.error(errorText(e));
    }
  };

  const days = calendar.data?.days ?? [];
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={1} style={{ fontSize: 20, margin: 0 }}>
          工作日历
        </Typography.Title>
        <Space wrap>
          <label htmlFor="calendar-agency">机关</label>
          <Select
            id="calendar-agency"
            style={{ minWidth: 200 }}
            value={agency}
            onChange={setAgency}
            loading={agencies.loading}
            options={(agencies.data ?? []).map((a) => ({ value: a.code, label: a.name }))}
          />
          <label htmlFor="calendar-year">年份</label>
          <Select id="calendar-year" style={{ width: 110 }} value={year} onChange={setYear} options={years.map((y) => ({ value: y, label: `${y} 年` }))} />
          {editable && (
            <>
              <Button icon={<PlusOutlined />} onClick={() => setAdding(true)} disabled={!agency}>
                新增调整
              </Button>
              <Button icon={<ImportOutlined />} onClick={() => setImporting(true)} disabled={!agency}>
                导入节假日通知
              </Button>
            </>
          )}
        </Space>
      </Space>

      {noCalendar ? (
        <Alert
          type="warning"
          showIcon
          title={`尚未公布该年节假日安排（${year} 年）`}
          description={`期限落入 ${year} 年的办理时限暂时无法计算。国务院办公厅公布通知后，可用“导入节假日通知”导入 holiday-cn 格式的文件。`}
        />
      ) : (
        Boolean(calendar.error) && <Alert type="error" showIcon title={errorText(calendar.error)} />
      )}

      {!noCalendar && (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <Card title={`${year} 年放假安排`} size="small">
            <Table<HolidayRun>
              rowKey="key"
              size="small"
              pagination={false}
              loading={calendar.loading}
              dataSource={holidayRuns(days)}
              locale={{ emptyText: '该年没有放假安排' }}
              columns={[
                { title: '名称', dataIndex: 'name' },
                { title: '日期', key: 'dates', render: (_, r) => (r.days === 1 ? r.from : `${r.from} 至 ${r.to}`) },
                { title: '天数', dataIndex: 'days', render: (n: number) => `${n} 天` },
                { title: '来源', dataIndex: 'source', render: (s: string) => <SourceTag source={s} /> },
              ]}
            />
          </Card>
          <Card title={`${year} 年调休上班日`} size="small">
            <Table<CalendarDay>
              rowKey="date"
              size="small"
              pagination={false}
              loading={calendar.loading}
              dataSource={days.filter((d) => d.kind === 'makeup')}
              locale={{ emptyText: '该年没有调休上班日' }}
              columns={[
                { title: '日期', dataIndex: 'date' },
                { title: '星期', dataIndex: 'weekday', render: (w: number) => WEEKDAYS[w] },
                { title: '事由', dataIndex: 'name' },
                { title: '来源', dataIndex: 'source', render: (s: string) => <SourceTag source={s} /> },
              ]}
            />
          </Card>
        </Space>
      )}

      <Card title="本机关的调整" size="small">
        <Typography.Paragraph type="secondary">
          本机关根据当地规定（如民族自治地方的节日）增加的放假日或上班日，只影响本机关的办理时限。每次调整都记入审计日志，并重新计算受影响的办理时限。
        </Typography.Paragraph>
        <Table<CalendarOverride>
          rowKey="id"
          size="small"
          pagination={false}
          loading={overrides.loading}
          dataSource={overrides.data ?? []}
          locale={{ emptyText: '暂无调整' }}
          columns={[
            { title: '日期', dataIndex: 'date' },
            { title: '调整为', dataIndex: 'isOffDay', render: (off: boolean) => (off ? <Tag color="orange">放假</Tag> : <Tag color="green">上班</Tag>) },
            { title: '名称', dataIndex: 'name' },
            { title: '理由', dataIndex: 'reason', render: (r: string | null) => r ?? '' },
            { title: '操作人', dataIndex: 'createdBy' },
            { title: '时间', dataIndex: 'createdAt', render: (at: string) => formatDateTime(at) },
            ...(editable
              ? [
                  {
                    title: '操作',
                    key: 'actions',
                    render: (_: unknown, o: CalendarOverride) => (
                      <Popconfirm
                        title={`撤销 ${o.date}（${o.name}）的调整？`}
                        description="撤销后将重新计算本机关未结束的办理时限。"
                        okText="撤销"
                        cancelText="取消"
                        onConfirm={() => remove(o)}
                      >
                        <Button size="small" danger icon={<DeleteOutlined />} aria-label={`撤销 ${o.date} 的调整`}>
                          撤销
                        </Button>
                      </Popconfirm>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </Card>

      <Card title="已导入的节假日通知" size="small">
        <Typography.Paragraph type="secondary">
          未导入的年份使用平台内置的国务院办公厅通知（holiday-cn 数据）。本机关导入的通知优先于全平台导入的通知。
        </Typography.Paragraph>
        <Table<ImportedNotice>
          rowKey="id"
          size="small"
          pagination={false}
          loading={notices.loading}
          dataSource={notices.data ?? []}
          locale={{ emptyText: '暂无导入的通知' }}
          columns={[
            { title: '年份', dataIndex: 'year' },
            { title: '范围', dataIndex: 'scope', render: (s: string) => (s === '*' ? '全平台' : '本机关') },
            { title: '日期数', dataIndex: 'days' },
            { title: '导入人', dataIndex: 'importedBy' },
            { title: '导入时间', dataIndex: 'importedAt', render: (at: string) => formatDateTime(at) },
          ]}
        />
      </Card>

      {agency && (
        <OverrideModal
          open={adding}
          agency={agency}
          onClose={() => setAdding(false)}
          onDone={(recomputed, date) => {
            void message.success(`已增加 ${date} 的调整；已重新计算 ${recomputed} 个办理时限`);
            reloadAll();
          }}
        />
      )}
      {agency && importing && (
        <ImportModal
          agency={agency}
          agencyName={agencies.data?.find((a) => a.code === agency)?.name ?? agency}
          onClose={() => setImporting(false)}
          onDone={(y) => {
            setYear(y);
            reloadAll();
          }}
        />
      )}
    </Space>
  );
}

interface OverrideValues {
  date: Dayjs;
  isOffDay: boolean;
  name: string;
  reason?: string;
}

function OverrideModal({ open, agency, onClose, onDone }: { open: boolean; agency: string; onClose: () => void; onDone: (recomputed: number, date: string) => void }) {
  return (
    <FormModal<OverrideValues>
      title="新增本机关的日历调整"
      open={open}
      okText="保存"
      initialValues={{ isOffDay: true }}
      onClose={onClose}
      onSubmit={async (v) => {
        const date = v.date.format('YYYY-MM-DD');
        const res = await api.post<{ id: string; recomputed: number }>('/api/v1/calendar/overrides', {
          org: agency,
          date,
          isOffDay: v.isOffDay,
          name: v.name,
          reason: v.reason || null,
        });
        onDone(res.recomputed, date);
      }}
    >
      <Form.Item label="日期" name="date" rules={[{ required: true, message: '请选择日期' }]}>
        <DatePicker style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item label="调整为" name="isOffDay" rules={[{ required: true, message: '请选择放假或上班' }]}>
        <Radio.Group
          optionType="button"
          options={[
            { value: true, label: '放假' },
            { value: false, label: '上班' },
          ]}
        />
      </Form.Item>
      <Form.Item label="名称" name="name" rules={[{ required: true, whitespace: true, message: '请填写名称，如“三月三”' }]}>
        <Input maxLength={40} placeholder="如：三月三" />
      </Form.Item>
      <Form.Item label="理由" name="reason">
        <Input.TextArea maxLength={200} rows={2} placeholder="如：依据自治条例放假" />
      </Form.Item>
    </FormModal>
  );
}

function ImportModal({ agency, agencyName, onClose, onDone }: { agency: string; agencyName: string; onClose: () => void; onDone: (year: number) => void }) {
  const { canEverywhere } = useSession();
  const { message } = App.useApp();
  // Importing for the whole platform needs the permission platform-wide (as the server checks it).
  const platform = canEverywhere('calendar.edit');
  const [scope, setScope] = useState<string>(agency);
  const [file, setFile] = useState<{ name: string; notice: HolidayNotice } | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [serverErrors, setServerErrors] = useState<string[]>([]);
  const [result, setResult] = useState<{ year: number; replaced: boolean; recomputed: number } | null>(null);
  const [busy, setBusy] = useState(false);

  const read = (f: File) => {
    const reader = new FileReader();
    reader.onload = () => {
      const parsed = parseNoticeFile(typeof reader.result === 'string' ? reader.result : '');
      setServerErrors([]);
      setResult(null);
      if (parsed.ok) {
        setFile({ name: f.name, notice: parsed.notice });
        setFileError(null);
      } else {
        setFile(null);
        setFileError(parsed.error);
      }
    };
    reader.onerror = () => setFileError('无法读取文件');
    reader.readAsText(f, 'utf-8');
    return Upload.LIST_IGNORE;
  };

  const submit = async () => {
    if (!file) return;
    setBusy(true);
    setServerErrors([]);
    try {
      const res = await api.post<{ replaced: boolean; recomputed: number }>('/api/v1/calendar/notices', { org: scope, notice: file.notice });
      setResult({ year: file.notice.year, ...res });
      void message.success(`已导入 ${file.notice.year} 年节假日安排`);
      onDone(file.notice.year);
    } catch (e) {
      if (e instanceof ApiError && Object.keys(e.fields).length) {
        setServerErrors(Object.entries(e.fields).map(([k, v]) => `${fieldName(k, file.notice)}：${v}`));
      }
      void message.error(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      title="导入节假日通知"
      open
      width={720}
      onCancel={onClose}
      destroyOnHidden
      footer={
        result ? (
          <Button type="primary" onClick={onClose}>
            完成
          </Button>
        ) : (
          <Space>
            <Button onClick={onClose}>取消</Button>
            <Button type="primary" disabled={!file} loading={busy} onClick={() => void submit()}>
              导入
            </Button>
          </Space>
        )
      }
    >
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          选择 holiday-cn 格式的 JSON 文件（如 2027.json）：{'{"year": 2027, "papers": […], "days": [{"name", "date", "isOffDay"}]}'}。导入后替换该范围内该年原有的安排，并重新计算受影响的办理时限。
        </Typography.Paragraph>
        <Space>
          <span id="import-scope-label">适用范围</span>
          <Radio.Group
            aria-labelledby="import-scope-label"
            value={scope}
            onChange={(e) => setScope(String(e.target.value))}
            options={[{ value: agency, label: `本机关（${agencyName}）` }, ...(platform ? [{ value: '*', label: '全平台 (*)' }] : [])]}
          />
        </Space>
        <Upload accept=".json,application/json" maxCount={1} showUploadList={false} beforeUpload={read}>
          <Button icon={<UploadOutlined />}>选择文件</Button>
        </Upload>
        {fileError && <Alert type="error" showIcon title={fileError} />}
        {serverErrors.length > 0 && (
          <Alert
            type="error"
            showIcon
            title="通知内容有误"
            description={
              <ul style={{ margin: 0, paddingLeft: 20 }}>
                {serverErrors.map((m) => (
                  <li key={m}>{m}</li>
                ))}
              </ul>
            }
          />
        )}
        {result && (
          <Alert
            type="success"
            showIcon
            title={`已导入 ${result.year} 年节假日安排${result.replaced ? '（替换了原有的通知）' : ''}`}
            description={`已重新计算 ${result.recomputed} 个办理时限`}
          />
        )}
        {file && (
          <>
            <Typography.Text>
              {file.name}：{file.notice.year} 年，共 {file.notice.days.length} 天（放假 {file.notice.days.filter((d) => d.isOffDay).length} 天，调休上班{' '}
              {file.notice.days.filter((d) => !d.isOffDay).length} 天）
            </Typography.Text>
            <Table
              rowKey={(d, i) => `${d.date}-${i}`}
              size="small"
              pagination={{ pageSize: 10, hideOnSinglePage: true }}
              dataSource={file.notice.days}
              columns={[
                { title: '日期', dataIndex: 'date' },
                { title: '名称', dataIndex: 'name' },
                { title: '安排', dataIndex: 'isOffDay', render: (off: boolean) => (off ? <Tag color="orange">放假</Tag> : <Tag color="green">上班</Tag>) },
              ]}
            />
          </>
        )}
      </Space>
    </Modal>
  );
}

/** 'notice.days.3.date' → '第 4 项（2027-02-30）'. */
function fieldName(key: string, notice: HolidayNotice): string {
  const m = /days\.(\d+)/.exec(key);
  if (m) {
    const i = Number(m[1]);
    return `第 ${i + 1} 项（${notice.days[i]?.date ?? ''}）`;
  }
  return key.replace(/^notice\./, '');
}
