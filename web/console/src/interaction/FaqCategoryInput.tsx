import { AutoComplete } from 'antd';
import { useMemo } from 'react';
import { api } from '../api.js';
import { useLoad } from '../shared/useLoad.js';
import type { FaqEntry } from './types.js';

/** The agency's FAQ categories so far (a new one may be typed); fits a Form.Item. */
export function FaqCategoryInput({ id, agency, value, onChange }: { id?: string; agency: string; value?: string; onChange?: (v: string) => void }) {
  const entries = useLoad(async () => (await api.get<{ entries: FaqEntry[] }>('/api/v1/faq/manage?org=' + encodeURIComponent(agency))).entries, agency);
  const options = useMemo(() => [...new Set((entries.data ?? []).map((e) => e.category))].map((c) => ({ value: c })), [entries.data]);
  return (
    <AutoComplete
      id={id}
      value={value}
      onChange={(v: string) => onChange?.(v)}
      options={options}
      maxLength={40}
      placeholder="选择已有分类或输入新分类"
      showSearch={{ filterOption: (input, option) => String(option?.value ?? '').includes(input) }}
    />
  );
}
