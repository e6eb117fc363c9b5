import { ArrowLeftOutlined, SaveOutlined, SendOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, DatePicker, Form, Input, InputNumber, Row, Select, Space, Tag, TreeSelect, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { api, ApiError } from '../api.js';
import { OrgPicker } from '../users/OrgPicker.js';
import { useAgencies, useAgencyTree } from '../orgs/useOrgs.js';
import { useSession } from '../session.js';
import { errorText, reportError } from '../shared/feedback.js';
import { Loading } from '../shared/Loading.js';
import { useSelectedAgency } from '../shared/useAgency.js';
import { useLoad } from '../shared/useLoad.js';
import { AttachmentsEditor } from './Attachments.js';
import { editForfeits, hasReplacement, isEditableState, itemPayload, itemValues, needsChangeNote, STATE_COLORS, STATE_LABELS, type ItemValues } from './logic.js';
import { DISCLOSURE_MODES, EXEMPTIONS, GENRE_NAMES, TOPICS, VALIDITIES } from './reference.js';
import { RichTextEditor } from './RichTextEditor.js';
import { PublishingStyles } from './styles.js';
import type { ExtraField, Item, WorkbenchPage, WorkflowAnswer } from './types.js';
import { useWorkingCatalog } from './useCatalog.js';

const TOPIC_TREE = TOPICS.map((t) => ({
  value: t.code,
  title: `${t.code} ${t.name}`,
  children: t.children.map((c) => ({ value: c.code, title: `${c.code} ${c.name}`, children: [] })),
}));

/** 新建信息 (/publishing/new) and 编辑信息 (/publishing/items/:id/edit). */
export default function ItemEditorPage() {
  const { id } = useParams();
  const loaded = useLoad(async () => (id ? api.get<Item>(`/api/v1/items/${encodeURIComponent(id)}`) : undefined), id ?? 'new');
  if (id && !loaded.data) {
    if (loaded.error) return <Alert type="error" showIcon title={errorText(loaded.error)} />;
    return <Loading />;
  }
  return <ItemEditor key={id ?? 'new'} initial={loaded.data} />;
}

function ItemEditor({ initial }: { initial: Item | undefined }) {
  const { user, can } = useSession();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<ItemValues>();
  const [item, setItem] = useState<Item | undefined>(initial);
  const [busy, setBusy] = useState<'save' | 'submit' | null>(null);
  const agencies = useAgencies();
  const [selectedAgency] = useSelectedAgency(agencies.data);
  const agency = item?.org ?? selectedAgency;
  const units = useAgencyTree(agency);
  const catalog = useWorkingCatalog(agency);
  const policies = useLoad(
    async () => (await api.get<WorkbenchPage>('/api/v1/workbench/items?state=published&pageSize=200' + (agency ? '&org=' + encodeURIComponent(agency) : ''))).items,
    'policies:' + (agency ?? ''),
  );
  const disclosure = Form.useWatch('disclosure', form);
  const validity = Form.useWatch('validity', form);
  const category = Form.useWatch('category', form);
  /** The category's extra fields; undefined while the catalog is not loaded (an update then leaves the values alone). */
  const extraFieldsOf = (code: string | undefined): ExtraField[] | undefined =>
    catalog.data ? (catalog.data.working.categories.find((c) => c.code === code)?.extraFields ?? []) : undefined;
  const extraFields = extraFieldsOf(category) ?? [];

  // The unit a new item belongs to: the user's own unit where they hold a role in one, else the agency
  // (the server then files it under the user's home unit).
  const defaultUnit = useMemo(() => {
    const scoped = new Set((user.assignments ?? []).map((a) => a.scopeOrgId));
    const flat = units.data?.flat ?? [];
    return flat.find((o) => o.kind === 'unit' && scoped.has(o.id))?.code ?? flat.find((o) => o.kind === 'agency')?.code;
  }, [user.assignments, units.data]);
  useEffect(() => {
    if (!item && defaultUnit && !form.getFieldValue('org')) form.setFieldsValue({ org: defaultUnit });
  }, [item, defaultUnit, form]);

  const editable = !item || isEditableState(item.state);
  const changeNoteRequired = needsChangeNote(item);

  const save = async (values: ItemValues): Promise<Item | null> => {
    try {
      if (!item) {
        const created = await api.post<Item>('/api/v1/items', itemPayload(values, 'create', extraFieldsOf(values.category)));
        setItem(created);
        return created;
      }
      const updated = await api.patch<Item>(`/api/v1/items/${encodeURIComponent(item.id)}`, { ...itemPayload(values, 'update', extraFieldsOf(values.category)), version: item.version });
      setItem(updated);
      form.setFieldsValue({ changeNote: '' });
      return updated;
    } catch (e) {
      reportError(e, message, form);
      return null;
    }
  };

  const onSave = async () => {
    const values = await form.validateFields().catch(() => null);
    if (!values) return;
    setBusy('save');
    const saved = await save(values);
    setBusy(null);
    if (!saved) return;
    void message.success('已保存');
    if (!item) void navigate(`/publishing/items/${saved.id}/edit`, { replace: true });
  };

  const onSubmit = async () => {
    const values = await form.validateFields().catch(() => null);
    if (!values) return;
    setBusy('submit');
    try {
      const saved = await save(values);
      if (!saved) return;
      const submitted = await api.post<WorkflowAnswer>(`/api/v1/items/${encodeURIComponent(saved.id)}/submit`);
      void message.success('已提交审核');
      for (const w of submitted.warnings ?? []) void message.warning({ content: w, duration: 8 });
      void navigate(`/publishing/items/${saved.id}`);
    } catch (e) {
      reportError(e, message);
    } finally {
      setBusy(null);
    }
  };

  const reloadItem = async (body?: string) => {
    if (!item) return;
    try {
      const fresh = await api.get<Item>(`/api/v1/items/${encodeURIComponent(item.id)}`);
      setItem(fresh);
      if (body !== undefined) form.setFieldsValue({ body: fresh.body });
    } catch (e) {
      void message.error(e instanceof ApiError ? e.message : errorText(e));
    }
  };

  const initialValues: ItemValues = item ? itemValues(item) : { disclosure: 'proactive', validity: 'valid', keywords: [], body: '' };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <PublishingStyles />
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Space wrap>
          <Link to={item ? `/publishing/items/${item.id}` : '/publishing'}>
            <ArrowLeftOutlined /> 返回
          </Link>
          <Typography.Title level={1} style={{ fontSize: 20, margin: 0 }}>
            {item ? '编辑信息' : '新建信息'}
          </Typography.Title>
          {item && <Tag variant="solid" color={STATE_COLORS[item.state]}>{STATE_LABELS[item.state]}</Tag>}
          {item && <Typography.Text type="secondary">第 {item.revision} 版</Typography.Text>}
        </Space>
        <Space wrap>
          <Button icon={<SaveOutlined />} loading={busy === 'save'} disabled={!editable || busy !== null} onClick={() => void onSave()}>
            {item ? '保存' : '保存草稿'}
          </Button>
          {can('item.submit') && (
            <Button type="primary" icon={<SendOutlined />} loading={busy === 'submit'} disabled={!editable || busy !== null} onClick={() => void onSubmit()}>
              保存并提交审核
            </Button>
          )}
        </Space>
      </Space>
      {item?.state === 'rejected' && item.rejectComment && <Alert type="error" showIcon title="已被退回" description={item.rejectComment} />}
      {!editable && <Alert type="info" showIcon title={`该信息${STATE_LABELS[item.state]}，审核中或已撤回的信息不能修改。`} />}
      {Boolean(catalog.error) && <Alert type="error" showIcon title={`公开目录加载失败：${errorText(catalog.error)}`} />}
      {item && editable && editForfeits(item) && <Alert type="info" showIcon title={editForfeits(item)} />}
      {changeNoteRequired && <Alert type="info" showIcon title="该信息已发布：保存后将起草新版本，经审核发布后替换现行版本，须填写修改说明。" />}
      <Form form={form} layout="vertical" initialValues={initialValues} disabled={!editable} requiredMark>
        <Card title="基本信息">
          <Row gutter={16}>
            {!item && (
              <Col xs={24} md={12}>
                <Form.Item name="org" label="所属科室" rules={[{ required: true, message: '请选择所属科室' }]}>
                  <OrgPicker tree={units.data?.tree ?? []} placeholder="选择科室" />
                </Form.Item>
              </Col>
            )}
            <Col xs={24} md={12}>
              <Form.Item name="category" label="目录类别" rules={[{ required: true, message: '请选择目录类别' }]}>
                <TreeSelect
                  treeData={catalog.data?.options ?? []}
                  treeDefaultExpandAll
                  showSearch={{ treeNodeFilterProp: 'title' }}
                  placeholder="选择公开目录中的类别"
                  loading={catalog.loading}
                />
              </Form.Item>
            </Col>
            <Col span={24}>
              <Form.Item name="title" label="标题" rules={[{ required: true, whitespace: true, message: '请填写标题' }, { max: 300, message: '标题不能超过 300 个字符' }]}>
                <Input maxLength={300} showCount />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="docNumber" label="发文字号" extra="如 江发改〔2026〕12号；〔〕可写作 [] 或 ()">
                <Input maxLength={100} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="issuingOrgan" label="发文机关">
                <Input maxLength={200} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="writtenAt" label="成文日期">
                <Input type="date" />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="formedAt" label="形成或变更日期" extra="自此日起 20 个工作日内公开（条例第二十六条）">
                <Input type="date" />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="genre" label="体裁分类">
                <Select allowClear options={GENRE_NAMES.map((g) => ({ value: g, label: g }))} placeholder="选择体裁" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="topic" label="主题分类">
                <TreeSelect treeData={TOPIC_TREE} allowClear showSearch={{ treeNodeFilterProp: 'title' }} placeholder="选择主题" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="policyKind" label="文件类型">
                <Select
                  allowClear
                  placeholder="非规章或规范性文件可不选"
                  options={[
                    { value: '规章', label: '规章' },
                    { value: '规范性文件', label: '规范性文件' },
                  ]}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="disclosure" label="公开属性" rules={[{ required: true, message: '请选择公开属性' }]}>
                <Select options={DISCLOSURE_MODES.map((m) => ({ value: m.code, label: m.name }))} />
              </Form.Item>
            </Col>
            {disclosure === 'withheld' && (
              <Col xs={24} md={16}>
                <Form.Item name="exemptionCode" label="不予公开理由" rules={[{ required: true, message: '不予公开须选择理由' }]}>
                  <Select options={EXEMPTIONS.map((e) => ({ value: e.code, label: `${e.name}（${e.basis}）` }))} />
                </Form.Item>
              </Col>
            )}
            <Col xs={24} md={8}>
              <Form.Item name="validity" label="有效性">
                <Select options={VALIDITIES.map((v) => ({ value: v.code, label: v.name }))} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="validityDate" label="有效性日期">
                <Input type="date" />
              </Form.Item>
            </Col>
            {hasReplacement(validity) && (
              <Col xs={24} md={16}>
                <Form.Item name="replacedBy" label="替代它的文件" extra="已修改或废止的文件：选择修改或替代它的文件">
                  <Select
                    allowClear
                    showSearch={{ optionFilterProp: 'label' }}
                    loading={policies.loading}
                    placeholder="选择已发布的文件"
                    options={replacementOptions(policies.data ?? [], item)}
                  />
                </Form.Item>
              </Col>
            )}
            <Col xs={24} md={16}>
              <Form.Item name="keywords" label="关键词" extra="输入后按回车，最多 20 个">
                <Select mode="tags" tokenSeparators={[',', '，', '、']} open={false} suffixIcon={null} />
              </Form.Item>
            </Col>
            <Col span={24}>
              {item ? (
                item.interprets && (
                  <Typography.Paragraph>
                    解读的文件：<Link to={`/publishing/items/${item.interprets}`}>查看被解读的政策文件</Link>
                  </Typography.Paragraph>
                )
              ) : (
                <Form.Item name="interprets" label="解读的文件" extra="政策解读：选择它所解读的已发布政策文件">
                  <Select
                    allowClear
                    showSearch={{ optionFilterProp: 'label' }}
                    loading={policies.loading}
                    placeholder="不是政策解读可不选"
                    options={(policies.data ?? []).map((p) => ({ value: p.id, label: p.docNumber ? `${p.title}（${p.docNumber}）` : p.title }))}
                  />
                </Form.Item>
              )}
            </Col>
            {extraFields.map((f) => (
              <Col key={f.key} xs={24} md={f.type === 'text' ? 12 : 8}>
                <ExtraFieldInput field={f} />
              </Col>
            ))}
            <Col span={24}>
              <Form.Item name="summary" label="内容概述">
                <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
              </Form.Item>
            </Col>
            {item && (
              <Col span={24}>
                <Form.Item
                  name="changeNote"
                  label="修改说明"
                  rules={changeNoteRequired ? [{ required: true, whitespace: true, message: '修改已发布的信息须填写修改说明' }] : []}
                >
                  <Input maxLength={500} placeholder={changeNoteRequired ? '说明本次修改的内容和原因' : '可选'} />
                </Form.Item>
              </Col>
            )}
          </Row>
        </Card>
        <Card title="正文" style={{ marginTop: 16 }}>
          <Form.Item name="body" label="正文" rules={[{ max: 2_000_000, message: '正文过长' }]}>
            <RichTextEditor label="正文" />
          </Form.Item>
        </Card>
      </Form>
      {item ? (
        editable && <AttachmentsEditor item={item} onChanged={() => void reloadItem()} onImported={(body) => void reloadItem(body)} />
      ) : (
        <Alert type="info" showIcon title="保存草稿后可上传附件、导入 Word 文档。" />
      )}
    </Space>
  );
}

type PolicyRow = WorkbenchPage['items'][number];

/** The published files an item may name as its replacement (never itself), and the saved one even when not listed. */
function replacementOptions(rows: readonly PolicyRow[], item: Item | undefined) {
  const options = rows.filter((p) => p.id !== item?.id).map((p) => ({ value: p.id, label: p.docNumber ? `${p.title}（${p.docNumber}）` : p.title }));
  if (item?.replacedBy && !options.some((o) => o.value === item.replacedBy)) options.unshift({ value: item.replacedBy, label: '当前所选文件' });
  return options;
}

/** An input for one of the category's extra fields, named `extra.<key>` (where the server's errors land). */
function ExtraFieldInput({ field }: { field: ExtraField }) {
  const rules = field.required ? [{ required: true, message: `请填写${field.label}` }] : [];
  const name = ['extra', field.key];
  if (field.type === 'number') {
    return (
      <Form.Item name={name} label={field.label} rules={rules}>
        <InputNumber style={{ width: '100%' }} />
      </Form.Item>
    );
  }
  if (field.type === 'date') {
    return (
      <Form.Item
        name={name}
        label={field.label}
        rules={rules}
        // The form holds the date as the API takes it: 'YYYY-MM-DD' text.
        getValueProps={(v: unknown) => ({ value: typeof v === 'string' && v ? dayjs(v) : null })}
        normalize={(d: Dayjs | null) => (d ? d.format('YYYY-MM-DD') : null)}
      >
        <DatePicker style={{ width: '100%' }} />
      </Form.Item>
    );
  }
  return (
    <Form.Item name={name} label={field.label} rules={field.required ? [{ required: true, whitespace: true, message: `请填写${field.label}` }] : []}>
      <Input maxLength={500} />
    </Form.Item>
  );
}
