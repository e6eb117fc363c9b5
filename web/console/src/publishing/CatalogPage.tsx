import { DeleteOutlined, EditOutlined, MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Checkbox, Col, Descriptions, Empty, Form, Input, InputNumber, Modal, Popconfirm, Row, Select, Space, Table, Tag, Tree, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../api.js';
import { useAgencies, useAgencyTree } from '../orgs/useOrgs.js';
import { errorText, reportError } from '../shared/feedback.js';
import { formatDateTime } from '../shared/format.js';
import { FormModal } from '../shared/FormModal.js';
import { useSelectedAgency } from '../shared/useAgency.js';
import { AgencySelect, ScreenHeader } from '../shared/ScreenHeader.js';
import { useLoad } from '../shared/useLoad.js';
import { OrgPicker } from '../users/OrgPicker.js';
import { disclosureLabel, PENDING_LABELS, type CategoryNode, TAG_COLORS } from './logic.js';
import { DISCLOSURE_MODES } from './reference.js';
import type { Category, CatalogHealth, CatalogTemplates, CatalogVersion, CategoryHealth, ExtraField } from './types.js';
import { useWorkingCatalog } from './useCatalog.js';

interface CategoryValues {
  code: string;
  name: string;
  parentCode?: string;
  description?: string;
  updateInterval?: string;
  disclosureMode: string;
  responsibleUnit?: string;
  sortOrder?: number;
  extraFields?: Partial<ExtraField>[];
}

const FIELD_TYPES: { value: ExtraField['type']; label: string }[] = [
  { value: 'text', label: '文字' },
  { value: 'date', label: '日期' },
  { value: 'number', label: '数字' },
];
const FIELD_TYPE_LABELS = Object.fromEntries(FIELD_TYPES.map((t) => [t.value, t.label])) as Record<ExtraField['type'], string>;

/** The 附加字段 rows as the API takes them: trimmed, a type always set. */
function extraFieldsPayload(rows: readonly Partial<ExtraField>[] | undefined): ExtraField[] {
  return (rows ?? []).map((f) => ({ key: (f.key ?? '').trim(), label: (f.label ?? '').trim(), type: f.type ?? 'text', required: Boolean(f.required) }));
}

interface TreeNode {
  key: string;
  title: React.ReactNode;
  children: TreeNode[];
}

type Dialog = { kind: 'add'; parent: Category | null } | { kind: 'edit'; category: Category } | null;

const TEMPLATE_LABELS: Record<string, string> = { seed: '《实施方案》八大类', statutory: '《条例》第二十条十五项' };

/** A new category goes after its siblings. */
function nextSortOrder(categories: readonly Category[], parentCode: string | null): number {
  return categories.filter((c) => c.parentCode === parentCode).reduce((n, c) => Math.max(n, c.sortOrder + 1), 0);
}

function findNode(nodes: readonly CategoryNode[], key: string): CategoryNode | undefined {
  for (const n of nodes) {
    if (n.key === key) return n;
    const f = findNode(n.children, key);
    if (f) return f;
  }
  return undefined;
}

/** 公开目录: the working catalog with its pending changes, publishing, history, templates and the update monitor. */
export default function CatalogPage() {
  const { message, modal } = App.useApp();
  const agencies = useAgencies();
  const [agency, setAgency] = useSelectedAgency(agencies.data);
  const catalog = useWorkingCatalog(agency);
  const units = useAgencyTree(agency);
  const templates = useLoad(() => api.get<CatalogTemplates>('/api/v1/catalog/templates'), 'templates');
  const [tick, setTick] = useState(0);
  const versions = useLoad(
    async () => (agency ? (await api.get<{ versions: CatalogVersion[] }>('/api/v1/catalog/versions?org=' + encodeURIComponent(agency))).versions : []),
    `${agency}:${tick}`,
  );
  const health = useLoad(async () => (agency ? api.get<CatalogHealth>('/api/v1/catalog/health?org=' + encodeURIComponent(agency)) : undefined), `${agency}:${tick}`);
  const [selectedKey, setSelectedKey] = useState<string>();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [publishing, setPublishing] = useState<'publish' | 'template' | null>(null);

  const intervals = templates.data?.updateIntervals ?? {};
  const intervalOptions = Object.entries(intervals).map(([value, v]) => ({ value, label: v.label }));
  const tree = catalog.data?.tree ?? [];
  const working = catalog.data?.working;
  const pendingCount = working ? working.pending.added.length + working.pending.changed.length + working.pending.removed.length : 0;
  const selected = selectedKey ? findNode(tree, selectedKey) : undefined;
  const unitsById = new Map((units.data?.flat ?? []).map((o) => [o.id, o]));
  const reload = () => {
    catalog.reload();
    setTick((t) => t + 1);
  };

  const save = async (v: CategoryValues, existing: Category | null) => {
    const code = existing ? existing.code : v.code.trim();
    await api.put(`/api/v1/catalog/categories/${encodeURIComponent(code)}`, {
      org: agency,
      name: v.name,
      parentCode: v.parentCode || null,
      description: v.description ?? '',
      updateInterval: v.updateInterval || null,
      disclosureMode: v.disclosureMode,
      responsibleUnit: v.responsibleUnit || null,
      sortOrder: v.sortOrder ?? 0,
      extraFields: extraFieldsPayload(v.extraFields),
    });
    void message.success(existing ? '已保存（待发布）' : `已新增类别 ${code}（待发布）`);
    setSelectedKey(code);
    catalog.reload();
  };

  const remove = async (c: Category) => {
    try {
      await api.delete(`/api/v1/catalog/categories/${encodeURIComponent(c.code)}?org=${encodeURIComponent(agency ?? '')}`);
      void message.success(`已删除类别 ${c.code}（待发布）`);
      setSelectedKey(undefined);
      catalog.reload();
    } catch (e) {
      reportError(e, message);
    }
  };

  const treeData = (nodes: readonly CategoryNode[]): TreeNode[] =>
    nodes.map((n) => ({
      key: n.key,
      title: (
        <span style={n.status === 'removed' ? { textDecoration: 'line-through' } : undefined}>
          {n.code} {n.name}
          {n.status && (
            <Tag variant="solid" color={PENDING_LABELS[n.status].color} style={{ marginLeft: 6 }}>
              {PENDING_LABELS[n.status].label}
            </Tag>
          )}
        </span>
      ),
      children: treeData(n.children),
    }));

  const valuesOf = (c: Category): CategoryValues => ({
    code: c.code,
    name: c.name,
    parentCode: c.parentCode ?? undefined,
    description: c.description ?? '',
    updateInterval: c.updateInterval ?? undefined,
    disclosureMode: c.disclosureMode,
    responsibleUnit: c.responsibleUnitId ? unitsById.get(c.responsibleUnitId)?.code : undefined,
    sortOrder: c.sortOrder,
    extraFields: (c.extraFields ?? []).map((f) => ({ ...f })),
  });

  const categoryFields = (withCode: boolean) => (
    <>
      {withCode && (
        <Form.Item name="code" label="类别编码" extra="两位数分段，下级以上级编码开头，如 02.05" rules={[{ required: true, message: '请填写类别编码' }]}>
          <Input maxLength={20} />
        </Form.Item>
      )}
      <Form.Item name="name" label="类别名称" rules={[{ required: true, whitespace: true, message: '请填写类别名称' }]}>
        <Input maxLength={60} />
      </Form.Item>
      <Form.Item name="parentCode" label="上级类别">
        <Select
          allowClear
          placeholder="无（一级类别）"
          options={(working?.categories ?? []).map((c) => ({ value: c.code, label: `${c.code} ${c.name}` }))}
          showSearch={{ optionFilterProp: 'label' }}
        />
      </Form.Item>
      <Form.Item name="description" label="说明">
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={1000} />
      </Form.Item>
      <Form.Item name="updateInterval" label="更新周期">
        <Select allowClear options={intervalOptions} placeholder="不设更新周期" />
      </Form.Item>
      <Form.Item name="disclosureMode" label="公开方式">
        <Select options={DISCLOSURE_MODES.map((m) => ({ value: m.code, label: m.name }))} />
      </Form.Item>
      <Form.Item name="responsibleUnit" label="责任科室">
        <OrgPicker tree={units.data?.tree ?? []} allowClear placeholder="选择责任科室" />
      </Form.Item>
      <Form.Item name="sortOrder" label="排序">
        <InputNumber min={0} max={9999} />
      </Form.Item>
      <ExtraFieldsEditor />
    </>
  );

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <ScreenHeader title="公开目录">
        <AgencySelect
          id="catalog-agency"
          agencies={agencies}
          value={agency}
          onChange={(code) => {
            setSelectedKey(undefined);
            setAgency(code);
          }}
        />
        <Button type="primary" disabled={pendingCount === 0} onClick={() => setPublishing('publish')}>
          发布目录{pendingCount ? `（${pendingCount} 项修改）` : ''}
        </Button>
        <Button onClick={() => setPublishing('template')}>应用模板</Button>
      </ScreenHeader>
      {Boolean(catalog.error) && <Alert type="error" showIcon title={errorText(catalog.error)} />}
      <Typography.Text type="secondary">
        {working?.publishedVersion ? `已发布第 ${working.publishedVersion} 版。` : '目录尚未发布。'}
        修改先保存在工作稿中，发布后公众可见。
      </Typography.Text>
      <Row gutter={[16, 16]}>
        <Col xs={24} md={11} lg={9}>
          <Card
            title="目录工作稿"
            loading={catalog.loading && !catalog.data}
            extra={
              <Button size="small" icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'add', parent: null })}>
                新增一级类别
              </Button>
            }
          >
            {tree.length ? (
              <Tree
                aria-label="目录类别"
                blockNode
                defaultExpandAll
                key={`${agency}:${tree.length}`}
                treeData={treeData(tree)}
                selectedKeys={selectedKey ? [selectedKey] : []}
                onSelect={(keys) => keys[0] !== undefined && setSelectedKey(String(keys[0]))}
              />
            ) : (
              <Empty description="目录为空，可应用模板" />
            )}
          </Card>
        </Col>
        <Col xs={24} md={13} lg={15}>
          {selected?.category ? (
            <Card
              title={`${selected.code} ${selected.name}`}
              extra={
                <Space wrap>
                  <Button size="small" icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'add', parent: selected.category })}>
                    新增下级类别
                  </Button>
                  <Button size="small" icon={<EditOutlined />} onClick={() => setDialog({ kind: 'edit', category: selected.category! })}>
                    编辑
                  </Button>
                  <Popconfirm
                    title={`删除类别“${selected.name}”？`}
                    description="只能删除没有下级类别和信息的类别；发布目录后生效。"
                    okText="删除"
                    cancelText="取消"
                    okButtonProps={{ danger: true }}
                    onConfirm={() => remove(selected.category!)}
                  >
                    <Button size="small" danger icon={<DeleteOutlined />}>
                      删除
                    </Button>
                  </Popconfirm>
                </Space>
              }
            >
              <Descriptions column={1} size="small" bordered>
                <Descriptions.Item label="类别编码">{selected.code}</Descriptions.Item>
                <Descriptions.Item label="状态">{selected.status ? PENDING_LABELS[selected.status].label + '（待发布）' : '已发布'}</Descriptions.Item>
                <Descriptions.Item label="说明">{selected.category.description}</Descriptions.Item>
                <Descriptions.Item label="更新周期">{selected.category.updateInterval ? (intervals[selected.category.updateInterval]?.label ?? selected.category.updateInterval) : ''}</Descriptions.Item>
                <Descriptions.Item label="公开方式">{disclosureLabel(selected.category.disclosureMode)}</Descriptions.Item>
                <Descriptions.Item label="责任科室">{selected.category.responsibleUnitId ? (unitsById.get(selected.category.responsibleUnitId)?.name ?? '') : ''}</Descriptions.Item>
                <Descriptions.Item label="排序">{selected.category.sortOrder}</Descriptions.Item>
                <Descriptions.Item label="附加字段">
                  {(selected.category.extraFields ?? [])
                    .map((f) => `${f.label}（${f.key}，${FIELD_TYPE_LABELS[f.type] ?? f.type}${f.required ? '，必填' : ''}）`)
                    .join('；')}
                </Descriptions.Item>
              </Descriptions>
            </Card>
          ) : selected ? (
            <Alert type="warning" showIcon title={`类别 ${selected.code} ${selected.name} 已从工作稿删除，发布目录后生效。`} />
          ) : (
            <Card>
              <Empty description="选择左侧的类别查看和编辑" />
            </Card>
          )}
        </Col>
      </Row>

      <HealthCard health={health.data} loading={health.loading} error={health.error} />

      <Card title="发布历史" loading={versions.loading && !versions.data}>
        <Table<CatalogVersion>
          size="small"
          rowKey="version"
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          dataSource={versions.data ?? []}
          columns={[
            { title: '版本', dataIndex: 'version', width: 70, render: (v: number) => `第 ${v} 版` },
            { title: '发布时间', dataIndex: 'publishedAt', render: (v: string) => formatDateTime(v) },
            { title: '发布人', dataIndex: 'publishedBy', render: (v: string | null) => v ?? '' },
            { title: '说明', dataIndex: 'note' },
            { title: '类别数', dataIndex: 'categories', width: 80 },
            {
              title: '变化',
              render: (_: unknown, v) => (
                <Space size={4} wrap>
                  {v.changes.added.length > 0 && <Tag variant="solid" color={TAG_COLORS.green}>新增 {v.changes.added.length}</Tag>}
                  {v.changes.changed.length > 0 && <Tag variant="solid" color={TAG_COLORS.blue}>修改 {v.changes.changed.length}</Tag>}
                  {v.changes.removed.length > 0 && <Tag variant="solid" color={TAG_COLORS.red}>删除 {v.changes.removed.length}</Tag>}
                </Space>
              ),
            },
          ]}
        />
      </Card>

      <FormModal<CategoryValues>
        title={dialog?.kind === 'edit' ? `编辑类别 ${dialog.category.code}` : dialog?.kind === 'add' && dialog.parent ? `在“${dialog.parent.name}”下新增类别` : '新增类别'}
        open={dialog !== null}
        initialValues={
          dialog?.kind === 'edit'
            ? valuesOf(dialog.category)
            : {
                disclosureMode: 'proactive',
                sortOrder: nextSortOrder(working?.categories ?? [], dialog?.kind === 'add' ? (dialog.parent?.code ?? null) : null),
                parentCode: dialog?.kind === 'add' ? dialog.parent?.code : undefined,
                code: dialog?.kind === 'add' && dialog.parent ? `${dialog.parent.code}.` : '',
              }
        }
        onClose={() => setDialog(null)}
        onSubmit={(v) => save(v, dialog?.kind === 'edit' ? dialog.category : null)}
        width={720}
      >
        {categoryFields(dialog?.kind !== 'edit')}
      </FormModal>

      <NoteDialog
        open={publishing === 'publish'}
        title="发布目录"
        okText="发布"
        onClose={() => setPublishing(null)}
        onSubmit={async ({ note }) => {
          const { version } = await api.post<{ version: number }>('/api/v1/catalog/publish', { org: agency, note });
          void message.success(`已发布目录第 ${version} 版`);
          reload();
        }}
      />
      <NoteDialog
        open={publishing === 'template'}
        title="以模板替换目录"
        okText="应用"
        templates={(templates.data?.templates ?? []).map((t) => ({ value: t.name, label: TEMPLATE_LABELS[t.name] ?? t.name }))}
        onClose={() => setPublishing(null)}
        onSubmit={({ note, template }) =>
          new Promise<void>((resolve, reject) => {
            modal.confirm({
              title: '确认以模板替换整个目录？',
              content: '现有类别将被模板替换并立即发布；现有信息使用的类别必须在模板中存在。',
              okText: '替换并发布',
              okButtonProps: { danger: true },
              cancelText: '取消',
              onOk: async () => {
                try {
                  const { version } = await api.post<{ version: number }>('/api/v1/catalog/apply-template', { org: agency, template, note });
                  void message.success(`已应用模板并发布第 ${version} 版`);
                  setSelectedKey(undefined);
                  reload();
                  resolve();
                } catch (e) {
                  reject(e instanceof Error ? e : new Error('操作失败'));
                }
              },
              onCancel: () => reject(new Error('已取消')),
            });
          })
        }
      />
    </Space>
  );
}

/** 附加字段: the extra metadata the category's items carry, one row each (key, label, type, required). */
function ExtraFieldsEditor() {
  return (
    <Form.Item label="附加字段" extra="该类别的信息须另外填写的元数据，如 项目编号、金额；键为字母开头的英文标识">
      <Form.List name="extraFields">
        {(rows, { add, remove }, { errors }) => (
          <Space orientation="vertical" style={{ width: '100%' }}>
            {rows.map((row, i) => (
              <Space key={row.key} align="start" wrap>
                <Form.Item name={[row.name, 'key']} style={{ marginBottom: 0 }} rules={[{ required: true, whitespace: true, message: '请填写字段键' }]}>
                  <Input aria-label={`附加字段 ${i + 1} 的键`} placeholder="键，如 projectNo" maxLength={31} style={{ width: 150 }} />
                </Form.Item>
                <Form.Item name={[row.name, 'label']} style={{ marginBottom: 0 }} rules={[{ required: true, whitespace: true, message: '请填写字段名称' }]}>
                  <Input aria-label={`附加字段 ${i + 1} 的名称`} placeholder="名称，如 项目编号" maxLength={30} style={{ width: 160 }} />
                </Form.Item>
                <Form.Item name={[row.name, 'type']} style={{ marginBottom: 0 }} initialValue="text">
                  <Select aria-label={`附加字段 ${i + 1} 的类型`} options={FIELD_TYPES} style={{ width: 90 }} />
                </Form.Item>
                <Form.Item name={[row.name, 'required']} valuePropName="checked" style={{ marginBottom: 0 }}>
                  <Checkbox>必填</Checkbox>
                </Form.Item>
                <Button type="text" danger icon={<MinusCircleOutlined />} aria-label={`删除附加字段 ${i + 1}`} onClick={() => remove(row.name)} />
              </Space>
            ))}
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ type: 'text', required: false })} disabled={rows.length >= 20}>
              添加字段
            </Button>
            <Form.ErrorList errors={errors} />
          </Space>
        )}
      </Form.List>
    </Form.Item>
  );
}

function HealthCard({ health, loading, error }: { health: CatalogHealth | undefined; loading: boolean; error: unknown }) {
  return (
    <Card
      title="栏目监测"
      loading={loading && !health}
      extra={
        health && (
          <Space>
            <Tag variant="solid" color={health.empty ? TAG_COLORS.red : TAG_COLORS.green}>空栏目 {health.empty}</Tag>
            <Tag variant="solid" color={health.stale ? TAG_COLORS.orange : TAG_COLORS.green}>超期未更新 {health.stale}</Tag>
          </Space>
        )
      }
    >
      {Boolean(error) && <Alert type="error" showIcon title={errorText(error)} />}
      {health && health.empty >= 5 && <Alert type="error" showIcon style={{ marginBottom: 12 }} title="空栏目达 5 个以上：按考核要求应尽快补充内容或调整目录。" />}
      <Table<CategoryHealth>
        size="small"
        rowKey="code"
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        dataSource={health?.categories ?? []}
        rowClassName={(r) => (r.empty || r.stale ? 'gk-health-warn' : '')}
        columns={[
          { title: '编码', dataIndex: 'code', width: 90 },
          { title: '栏目', dataIndex: 'name' },
          { title: '信息数', dataIndex: 'itemCount', width: 80 },
          { title: '最近发布', dataIndex: 'newestPublishedAt', render: (v: string | null) => formatDateTime(v) },
          { title: '距今天数', dataIndex: 'daysSinceUpdate', width: 90, render: (v: number | null) => (v === null ? '' : v) },
          {
            title: '状态',
            width: 110,
            render: (_: unknown, r) => (r.empty ? <Tag variant="solid" color={TAG_COLORS.red}>空栏目</Tag> : r.stale ? <Tag variant="solid" color={TAG_COLORS.orange}>超期未更新</Tag> : <Tag variant="solid" color={TAG_COLORS.green}>正常</Tag>),
          },
        ]}
      />
    </Card>
  );
}

function NoteDialog(props: {
  open: boolean;
  title: string;
  okText: string;
  templates?: { value: string; label: string }[];
  onClose: () => void;
  onSubmit: (v: { note: string; template?: string }) => Promise<void>;
}) {
  const [form] = Form.useForm<{ note: string; template?: string }>();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const submit = async (v: { note: string; template?: string }) => {
    setBusy(true);
    try {
      await props.onSubmit({ ...v, note: v.note.trim() });
      props.onClose();
    } catch (e) {
      if (!(e instanceof Error && e.message === '已取消')) reportError(e, message, form);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal title={props.title} open={props.open} okText={props.okText} cancelText="取消" onOk={() => form.submit()} confirmLoading={busy} onCancel={props.onClose} destroyOnHidden>
      <Form form={form} layout="vertical" preserve={false} onFinish={(v) => void submit(v)} initialValues={{ template: props.templates?.[0]?.value }}>
        {props.templates && (
          <Form.Item name="template" label="模板" rules={[{ required: true, message: '请选择模板' }]}>
            <Select options={props.templates} />
          </Form.Item>
        )}
        <Form.Item name="note" label="发布说明" rules={[{ required: true, whitespace: true, message: '请填写发布说明' }]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
