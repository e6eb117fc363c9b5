import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Form, Input, Popconfirm, Select, Space, Table, Typography } from 'antd';
import { api } from '../api.js';
import { useAgencies } from '../orgs/useOrgs.js';
import { errorText, reportError } from '../shared/feedback.js';
import { useSelectedAgency } from '../shared/useAgency.js';
import { useLoad } from '../shared/useLoad.js';
import { RISK_LEVELS } from './logic.js';
import { LevelTag } from './RiskPanel.js';
import type { RiskLevel, SensitiveWord } from './types.js';

interface WordValues {
  word: string;
  level: RiskLevel;
  note?: string;
}

/** 敏感词: the agency's own list on top of the platform's (the built-in list is applied by the scanner as well). */
export default function WordsPage() {
  const { message } = App.useApp();
  const agencies = useAgencies();
  const [agency, setAgency] = useSelectedAgency(agencies.data);
  const words = useLoad(
    async () => (agency ? (await api.get<{ words: SensitiveWord[] }>('/api/v1/risk/words?org=' + encodeURIComponent(agency))).words : []),
    agency ?? '',
  );
  const [form] = Form.useForm<WordValues>();

  const add = async (v: WordValues) => {
    try {
      await api.post('/api/v1/risk/words', { org: agency, word: v.word.trim(), level: v.level, note: v.note?.trim() || null });
      void message.success(`已增加敏感词“${v.word.trim()}”`);
      form.resetFields();
      words.reload();
    } catch (e) {
      reportError(e, message, form);
    }
  };
  const remove = async (w: SensitiveWord) => {
    try {
      await api.delete(`/api/v1/risk/words/${encodeURIComponent(w.id)}`);
      void message.success(`已删除敏感词“${w.word}”`);
      words.reload();
    } catch (e) {
      reportError(e, message);
    }
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={1} style={{ fontSize: 20, margin: 0 }}>
          敏感词
        </Typography.Title>
        <Space>
          <label htmlFor="words-agency">机关（站点）</label>
          <Select
            id="words-agency"
            style={{ minWidth: 220 }}
            value={agency}
            loading={agencies.loading}
            onChange={(code: string) => setAgency(code)}
            options={(agencies.data ?? []).map((a) => ({ value: a.code, label: a.name }))}
          />
        </Space>
      </Space>
      <Typography.Text type="secondary">发布前扫描标题、摘要、发文字号和正文；较大、重大级别的敏感词须处理或由审核人填写放行理由。</Typography.Text>
      {Boolean(words.error) && <Alert type="error" showIcon title={errorText(words.error)} />}
      <Form form={form} layout="inline" onFinish={(v) => void add(v)} initialValues={{ level: '一般' }} aria-label="增加敏感词">
        <Form.Item name="word" label="敏感词" rules={[{ required: true, whitespace: true, message: '请填写敏感词' }]}>
          <Input maxLength={40} />
        </Form.Item>
        <Form.Item name="level" label="级别">
          <Select style={{ width: 100 }} options={RISK_LEVELS.map((l) => ({ value: l, label: l }))} />
        </Form.Item>
        <Form.Item name="note" label="说明">
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" icon={<PlusOutlined />}>
            增加
          </Button>
        </Form.Item>
      </Form>
      <Table<SensitiveWord>
        rowKey="id"
        loading={words.loading}
        dataSource={words.data ?? []}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        columns={[
          { title: '敏感词', dataIndex: 'word' },
          { title: '级别', dataIndex: 'level', width: 90, render: (l: RiskLevel) => <LevelTag level={l} /> },
          { title: '范围', dataIndex: 'scope', width: 120, render: (s: string) => (s === '*' ? '全平台' : '本机关') },
          { title: '说明', dataIndex: 'note', render: (v: string | null) => v ?? '' },
          {
            title: '操作',
            width: 100,
            render: (_: unknown, w) => (
              <Popconfirm title={`删除敏感词“${w.word}”？`} okText="删除" cancelText="取消" okButtonProps={{ danger: true }} onConfirm={() => remove(w)}>
                <Button size="small" danger icon={<DeleteOutlined />} aria-label={`删除 ${w.word}`}>
                  删除
                </Button>
              </Popconfirm>
            ),
          },
        ]}
      />
    </Space>
  );
}
