import { DatePicker, Form, Input } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import 'dayjs/locale/zh-cn';
import { chinaInstant } from '../publishing/logic.js';
import { RichTextEditor } from '../publishing/RichTextEditor.js';
import { FormModal } from '../shared/FormModal.js';
import { formatDateTime } from '../shared/format.js';
import type { Solicitation } from './types.js';

dayjs.locale('zh-cn');

interface Values {
  title: string;
  summary: string;
  body: string;
  opensAt: Dayjs;
  closesAt: Dayjs;
}

export interface SolicitationBody {
  title: string;
  summary: string;
  body: string;
  opensAt: string;
  closesAt: string;
}

/** A picked date and time is China Standard Time whatever the browser's zone; an instant is shown the same way. */
const toInstant = (d: Dayjs) => chinaInstant(d.format('YYYY-MM-DD HH:mm:ss'));
const toPicker = (iso: string) => dayjs(formatDateTime(iso));

/** 发起意见征集 / 编辑意见征集: the draft's text and the period (北京时间) during which comments are taken. */
export function SolicitationDialog({ entry, open, onClose, onSubmit }: { entry: Solicitation | null; open: boolean; onClose: () => void; onSubmit: (b: SolicitationBody) => Promise<void> }) {
  return (
    <FormModal<Values>
      title={entry ? '编辑意见征集' : '发起意见征集'}
      open={open}
      width={900}
      initialValues={entry ? { title: entry.title, summary: entry.summary, body: entry.body, opensAt: toPicker(entry.opensAt), closesAt: toPicker(entry.closesAt) } : undefined}
      onClose={onClose}
      onSubmit={(v) => onSubmit({ title: v.title.trim(), summary: v.summary.trim(), body: v.body, opensAt: toInstant(v.opensAt), closesAt: toInstant(v.closesAt) })}
    >
      <Form.Item name="title" label="标题" rules={[{ required: true, whitespace: true, message: '请填写标题' }]}>
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item name="summary" label="征集说明" rules={[{ required: true, whitespace: true, message: '请填写征集说明' }]}>
        <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={2000} showCount />
      </Form.Item>
      <div style={{ display: 'flex', gap: 16, flexWrap: 'wrap' }}>
        <Form.Item name="opensAt" label="开始时间（北京时间）" rules={[{ required: true, message: '请选择开始时间' }]}>
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
        </Form.Item>
        <Form.Item
          name="closesAt"
          label="截止时间（北京时间）"
          dependencies={['opensAt']}
          rules={[
            { required: true, message: '请选择截止时间' },
            ({ getFieldValue }) => ({
              validator: (_, v: Dayjs | undefined) => {
                const opens = getFieldValue('opensAt') as Dayjs | undefined;
                return !v || !opens || v.isAfter(opens) ? Promise.resolve() : Promise.reject(new Error('截止时间须晚于开始时间'));
              },
            }),
          ]}
        >
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
        </Form.Item>
      </div>
      <Form.Item name="body" label="征求意见稿正文" rules={[{ required: true, message: '请填写征求意见稿正文' }]}>
        <RichTextEditor label="征求意见稿正文" />
      </Form.Item>
    </FormModal>
  );
}
