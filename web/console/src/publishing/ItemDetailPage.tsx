import { CheckOutlined, EditOutlined, ExportOutlined, RollbackOutlined, SendOutlined, StopOutlined, CloudUploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, DatePicker, Descriptions, Form, Input, Modal, Radio, Row, Space, Steps, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { api, ApiError } from '../api.js';
import { useAgencies } from '../orgs/useOrgs.js';
import { useSession } from '../session.js';
import { errorText, reportError } from '../shared/feedback.js';
import { formatDateTime } from '../shared/format.js';
import { Loading } from '../shared/Loading.js';
import { useLoad } from '../shared/useLoad.js';
import { AttachmentList } from './Attachments.js';
import {
  chinaInstant,
  disclosureLabel,
  exemptionLabel,
  fourEyesNotice,
  isEditableState,
  STATE_COLORS,
  STATE_LABELS,
  stepOf,
  STEPS,
  TAG_COLORS,
  topicLabel,
  validityLabel,
} from './logic.js';
import { ReviewRecord } from './ReviewRecord.js';
import { RevisionHistory } from './RevisionHistory.js';
import { FindingList, RiskPanel } from './RiskPanel.js';
import { PublishingStyles } from './styles.js';
import type { Finding, Item, ItemAbilities, WorkflowAnswer } from './types.js';

type Dialog = 'approve' | 'reject' | 'publish' | 'withdraw' | null;

const NONE: ItemAbilities = { edit: false, review: false, approve: false, publish: false, withdraw: false };

/** What a workflow answer says the handlers should know (e.g. a 规范性文件 without its 政策解读). */
function showWarnings(message: ReturnType<typeof App.useApp>['message'], out: unknown): void {
  const warnings = (out as Partial<WorkflowAnswer> | undefined)?.warnings ?? [];
  for (const w of warnings) void message.warning({ content: w, duration: 8 });
}

/** 信息详情 (/publishing/items/:id): state, metadata, body, attachments, risks, actions, history, review record. */
export default function ItemDetailPage() {
  const { id = '' } = useParams();
  const { can } = useSession();
  const { message, modal } = App.useApp();
  const [tick, setTick] = useState(0);
  const loaded = useLoad(() => api.get<Item>(`/api/v1/items/${encodeURIComponent(id)}`), `${id}:${tick}`);
  const item = loaded.data;
  const risks = useLoad(
    async () => (item ? api.get<Finding[]>(`/api/v1/items/${encodeURIComponent(id)}/risks`) : undefined),
    `${id}:${item?.version ?? ''}`,
  );
  const agencies = useAgencies();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [busy, setBusy] = useState<string | null>(null);

  if (!item) {
    if (loaded.error) return <Alert type="error" showIcon title={errorText(loaded.error)} />;
    return <Loading />;
  }
  const reload = () => setTick((t) => t + 1);
  const path = `/api/v1/items/${encodeURIComponent(item.id)}`;
  const agencyName = agencies.data?.find((a) => a.code === item.org)?.name ?? item.org;
  const live = Boolean(item.publishedAt) && item.state !== 'withdrawn';
  // What the signed-in user may do with this item, as the server says (four eyes applied).
  const may: ItemAbilities = item.can ?? NONE;
  const reviewStage = item.state === 'submitted' ? (may.review ? '初审' : null) : item.state === 'unit-reviewed' ? (may.approve ? '复审' : null) : null;
  const step = stepOf(item.state);
  const notice = fourEyesNotice(item);

  const run = async (key: string, action: () => Promise<unknown>, done: string) => {
    setBusy(key);
    try {
      const out = await action();
      void message.success(done);
      showWarnings(message, out);
      reload();
    } catch (e) {
      reportError(e, message);
      if (e instanceof ApiError && (e.code === 'stale_version' || e.code === 'stale_state')) reload();
    } finally {
      setBusy(null);
    }
  };

  const mask = () =>
    modal.confirm({
      title: '一键遮盖个人信息？',
      content: '正文、标题、摘要和发文字号中的身份证号、手机号、银行卡号等将替换为 * 号（保留首尾几位）。此操作记入审计日志。',
      okText: '遮盖',
      cancelText: '取消',
      onOk: () =>
        run('mask', () => api.post<{ masked: number }>(`${path}/mask`, { version: item.version }).then((r) => void message.info(`已遮盖 ${r.masked} 处`)), '遮盖完成'),
    });

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <PublishingStyles />
      <div className="gk-no-print">
        <Link to="/publishing">← 返回工作台</Link>
      </div>
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }} className="gk-no-print">
        <Space wrap>
          <Typography.Title level={1} style={{ fontSize: 20, margin: 0 }}>
            {item.title}
          </Typography.Title>
          <Tag variant="solid" color={STATE_COLORS[item.state]}>{STATE_LABELS[item.state]}</Tag>
          {live && item.state !== 'published' && <Tag variant="solid" color={TAG_COLORS.green}>现行版本已发布</Tag>}
        </Space>
        <Space wrap>
          {may.edit && isEditableState(item.state) && (
            <Link to={`/publishing/items/${item.id}/edit`}>
              <Button icon={<EditOutlined />}>{item.state === 'published' ? '修订' : '编辑'}</Button>
            </Link>
          )}
          {may.edit && can('item.submit') && (item.state === 'draft' || item.state === 'rejected') && (
            <Button type="primary" icon={<SendOutlined />} loading={busy === 'submit'} onClick={() => void run('submit', () => api.post<WorkflowAnswer>(`${path}/submit`), '已提交审核')}>
              提交审核
            </Button>
          )}
          {reviewStage && (
            <>
              <Button type="primary" icon={<CheckOutlined />} onClick={() => setDialog('approve')}>
                {reviewStage}通过
              </Button>
              <Button danger icon={<RollbackOutlined />} onClick={() => setDialog('reject')}>
                退回
              </Button>
            </>
          )}
          {may.publish && item.state === 'approved' && (
            <Button type="primary" icon={<CloudUploadOutlined />} onClick={() => setDialog('publish')}>
              发布
            </Button>
          )}
          {may.withdraw && live && (
            <Button danger icon={<StopOutlined />} onClick={() => setDialog('withdraw')}>
              撤回
            </Button>
          )}
          {live && (
            <a href={`/items/${encodeURIComponent(item.id)}`} target="_blank" rel="noreferrer">
              <ExportOutlined /> 查看公开页面
            </a>
          )}
        </Space>
      </Space>

      <Card className="gk-no-print">
        <Steps
          current={step.current}
          status={step.status}
          items={STEPS.map((title, i) => ({
            title,
            description:
              i === step.current ? (item.state === 'rejected' ? '已退回' : item.state === 'withdrawn' ? '已撤回' : STATE_LABELS[item.state]) : undefined,
          }))}
        />
      </Card>
      {item.state === 'rejected' && item.rejectComment && <Alert type="error" showIcon title="退回意见" description={item.rejectComment} />}
      {notice && <Alert type="info" showIcon title="四眼原则：此步骤须由他人办理" description={notice} className="gk-no-print" />}

      <Row gutter={[16, 16]} className="gk-no-print">
        <Col xs={24} xl={14}>
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            <Card title="元数据">
              <Descriptions column={{ xs: 1, md: 2 }} size="small" bordered>
                <Descriptions.Item label="索引号">{item.indexNumber ?? '复审通过后编制'}</Descriptions.Item>
                <Descriptions.Item label="目录类别">{item.category}</Descriptions.Item>
                <Descriptions.Item label="承办科室">{item.unit?.name}</Descriptions.Item>
                <Descriptions.Item label="发文字号">{item.docNumber}</Descriptions.Item>
                <Descriptions.Item label="发文机关">{item.issuingOrgan}</Descriptions.Item>
                <Descriptions.Item label="成文日期">{item.writtenAt}</Descriptions.Item>
                <Descriptions.Item label="形成或变更日期">{item.formedAt}</Descriptions.Item>
                <Descriptions.Item label="主题分类">{topicLabel(item.topic)}</Descriptions.Item>
                <Descriptions.Item label="体裁分类">{item.genre}</Descriptions.Item>
                <Descriptions.Item label="文件类型">{item.policyKind}</Descriptions.Item>
                <Descriptions.Item label="公开属性">
                  {disclosureLabel(item.disclosure)}
                  {item.exemptionCode ? `：${exemptionLabel(item.exemptionCode)}` : ''}
                </Descriptions.Item>
                <Descriptions.Item label="有效性">
                  {validityLabel(item.validity)}
                  {item.validityDate ? `（${item.validityDate}）` : ''}
                  {item.replacedBy && (
                    <>
                      ，<Link to={`/publishing/items/${item.replacedBy}`}>替代它的文件</Link>
                    </>
                  )}
                </Descriptions.Item>
                <Descriptions.Item label="关键词">{item.keywords.join('、')}</Descriptions.Item>
                <Descriptions.Item label="发布时间">
                  {item.publishedAt ? formatDateTime(item.publishedAt) : item.scheduledAt ? `定时：${formatDateTime(item.scheduledAt)}` : ''}
                </Descriptions.Item>
                <Descriptions.Item label="公开时限">
                  {item.timeliness.due ? `${item.timeliness.due} 前` : ''}
                  {item.timeliness.late === true && <Tag variant="solid" color={TAG_COLORS.red} style={{ marginLeft: 8 }}>逾期</Tag>}
                </Descriptions.Item>
                <Descriptions.Item label="版本">
                  第 {item.revision} 版{item.changeNote ? `：${item.changeNote}` : ''}
                </Descriptions.Item>
                {item.interprets && (
                  <Descriptions.Item label="解读的文件">
                    <Link to={`/publishing/items/${item.interprets}`}>被解读的政策文件</Link>
                  </Descriptions.Item>
                )}
                {item.interpretations.length > 0 && (
                  <Descriptions.Item label="相关解读">
                    <Space wrap>
                      {item.interpretations.map((x, i) => (
                        <Link key={x} to={`/publishing/items/${x}`}>
                          解读 {i + 1}
                        </Link>
                      ))}
                    </Space>
                  </Descriptions.Item>
                )}
              </Descriptions>
              {item.summary && <Typography.Paragraph style={{ marginTop: 12 }}>内容概述：{item.summary}</Typography.Paragraph>}
            </Card>
            <Card title="正文">
              <div className="gk-rich" aria-label="正文预览" role="region" dangerouslySetInnerHTML={{ __html: item.body }} style={{ overflowX: 'auto' }} />
            </Card>
            <Card title="附件">
              <AttachmentList attachments={item.attachments} />
            </Card>
          </Space>
        </Col>
        <Col xs={24} xl={10}>
          <RiskPanel findings={risks.data} loading={risks.loading} onMask={reviewStage ? mask : undefined} masking={busy === 'mask'} />
        </Col>
      </Row>
      <div className="gk-no-print">
        <RevisionHistory itemId={item.id} version={item.version} />
      </div>
      <ReviewRecord item={item} agencyName={agencyName} />

      <ApproveDialog open={dialog === 'approve'} stage={reviewStage ?? ''} path={path} onClose={() => setDialog(null)} onDone={reload} />
      <TextDialog
        open={dialog === 'reject'}
        title="退回"
        label="退回意见"
        field="comment"
        okText="退回"
        onClose={() => setDialog(null)}
        onSubmit={async (comment) => {
          await api.post(`${path}/reject`, { comment });
          void message.success('已退回');
          reload();
        }}
      />
      <TextDialog
        open={dialog === 'withdraw'}
        title="撤回已发布的信息"
        label="撤回理由"
        field="reason"
        okText="撤回"
        hint="撤回后公众访问该信息将看到撤回说明和理由。"
        onClose={() => setDialog(null)}
        onSubmit={async (reason) => {
          await api.post(`${path}/withdraw`, { reason });
          void message.success('已撤回');
          reload();
        }}
      />
      <PublishDialog open={dialog === 'publish'} path={path} onClose={() => setDialog(null)} onDone={reload} />
    </Space>
  );
}

/** 初审/复审通过, with a comment; when serious findings block, the findings and a 放行理由 field. */
function ApproveDialog({ open, stage, path, onClose, onDone }: { open: boolean; stage: string; path: string; onClose: () => void; onDone: () => void }) {
  const [form] = Form.useForm<{ comment?: string; override?: string }>();
  const { message } = App.useApp();
  const [blocked, setBlocked] = useState<Finding[] | null>(null);
  const [busy, setBusy] = useState(false);
  const close = () => {
    setBlocked(null);
    onClose();
  };
  const submit = async (v: { comment?: string; override?: string }) => {
    setBusy(true);
    try {
      const out = await api.post<WorkflowAnswer>(`${path}/approve`, { comment: v.comment?.trim() || null, override: v.override?.trim() || null });
      void message.success(`${stage}通过`);
      showWarnings(message, out);
      close();
      onDone();
    } catch (e) {
      if (e instanceof ApiError && e.code === 'risk_blocked') {
        setBlocked(Array.isArray(e.details.findings) ? (e.details.findings as Finding[]) : []);
        if (v.override) form.setFields([{ name: 'override', errors: [e.fields.override ?? e.message] }]);
      } else reportError(e, message, form);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal title={`${stage}通过`} open={open} okText="通过" cancelText="取消" onOk={() => form.submit()} confirmLoading={busy} onCancel={close} destroyOnHidden width={640}>
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} preserve={false}>
        {blocked && (
          <Space orientation="vertical" style={{ width: '100%', marginBottom: 12 }}>
            <Alert type="error" showIcon title="存在较大或重大风险，不能直接通过：请退回修改、一键遮盖，或填写放行理由后通过。" />
            <FindingList findings={blocked} />
          </Space>
        )}
        <Form.Item name="comment" label="审核意见">
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={1000} />
        </Form.Item>
        {blocked && (
          <Form.Item name="override" label="放行理由" rules={[{ required: true, whitespace: true, message: '存在较大或重大风险，须填写放行理由' }]}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={1000} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

/** A dialog asking for one required text (退回意见, 撤回理由). */
function TextDialog(props: {
  open: boolean;
  title: string;
  label: string;
  field: string;
  okText: string;
  hint?: string;
  onClose: () => void;
  onSubmit: (text: string) => Promise<void>;
}) {
  const [form] = Form.useForm<Record<string, string>>();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const submit = async (v: Record<string, string>) => {
    setBusy(true);
    try {
      await props.onSubmit((v[props.field] ?? '').trim());
      props.onClose();
    } catch (e) {
      reportError(e, message, form);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      title={props.title}
      open={props.open}
      okText={props.okText}
      okButtonProps={{ danger: true }}
      cancelText="取消"
      onOk={() => form.submit()}
      confirmLoading={busy}
      onCancel={props.onClose}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} preserve={false}>
        {props.hint && <Typography.Paragraph type="secondary">{props.hint}</Typography.Paragraph>}
        <Form.Item name={props.field} label={props.label} rules={[{ required: true, whitespace: true, message: `请填写${props.label}` }]}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={1000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 发布: now, or at a time in China (a future time schedules it). */
function PublishDialog({ open, path, onClose, onDone }: { open: boolean; path: string; onClose: () => void; onDone: () => void }) {
  const [form] = Form.useForm<{ when: 'now' | 'at'; at?: Dayjs }>();
  const when = Form.useWatch('when', form);
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const submit = async (v: { when: 'now' | 'at'; at?: Dayjs }) => {
    setBusy(true);
    try {
      const at = v.when === 'at' && v.at ? chinaInstant(v.at.format('YYYY-MM-DD HH:mm:ss')) : null;
      const out = await api.post<Item>(`${path}/publish`, { at });
      void message.success(out.state === 'scheduled' ? '已设定定时发布' : '已发布');
      onClose();
      onDone();
    } catch (e) {
      if (e instanceof ApiError && e.fields.at) form.setFields([{ name: 'at', errors: [e.fields.at] }]);
      else reportError(e, message, form);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal title="发布" open={open} okText="确定" cancelText="取消" onOk={() => form.submit()} confirmLoading={busy} onCancel={onClose} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={{ when: 'now' }} onFinish={(v) => void submit(v)} preserve={false}>
        <Form.Item name="when" label="发布方式">
          <Radio.Group
            options={[
              { value: 'now', label: '立即发布' },
              { value: 'at', label: '定时发布' },
            ]}
          />
        </Form.Item>
        {when === 'at' && (
          <Form.Item name="at" label="发布时间（北京时间）" rules={[{ required: true, message: '请选择发布时间' }]}>
            <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
