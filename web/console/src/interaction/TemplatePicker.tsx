import { Select, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../api.js';
import { errorText } from '../shared/feedback.js';
import { templatesFor, TYPE_LABELS } from './logic.js';
import type { MessageType, ReplyTemplate } from './types.js';

interface Props {
  id: string;
  agency: string | undefined;
  /** The message type: its own templates are offered first. */
  type?: MessageType | undefined;
  onPick: (body: string) => void;
}

/**
 * 插入答复模板: the agency's reply templates, loaded when the list is first opened (a unit's staff may not be
 * allowed to read them; they then see why instead of a list).
 */
export function TemplatePicker({ id, agency, type, onPick }: Props) {
  const [templates, setTemplates] = useState<ReplyTemplate[] | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);

  const load = async () => {
    if (templates || loading || !agency) return;
    setLoading(true);
    try {
      const out = await api.get<{ templates: ReplyTemplate[] }>('/api/v1/reply-templates?org=' + encodeURIComponent(agency));
      setTemplates(templatesFor(out.templates, type));
      setFailure(null);
    } catch (e) {
      setFailure(errorText(e));
    } finally {
      setLoading(false);
    }
  };

  return (
    <>
      <label htmlFor={id}>答复模板</label>
      <Select<string>
        id={id}
        style={{ minWidth: 260 }}
        placeholder="选择模板插入答复内容"
        value={null}
        loading={loading}
        onOpenChange={(open) => open && void load()}
        onFocus={() => void load()}
        notFoundContent={failure ? <Typography.Text type="danger">{failure}</Typography.Text> : loading ? '加载中…' : '暂无答复模板'}
        options={(templates ?? []).map((t) => ({ value: t.id, label: t.type ? `${t.title}（${TYPE_LABELS[t.type]}）` : t.title }))}
        onChange={(tid) => {
          const t = templates?.find((x) => x.id === tid);
          if (t) onPick(t.body);
        }}
      />
    </>
  );
}

