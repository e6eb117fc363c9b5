import { TreeSelect } from 'antd';
import { orgOptions, type OrgNode } from '../orgs/tree.js';

interface Props {
  tree: readonly OrgNode[];
  value?: string;
  onChange?: (code: string | undefined) => void;
  /** Offer '*' (the whole platform) as the first choice, for role scopes. */
  withPlatform?: boolean;
  allowClear?: boolean;
  placeholder?: string;
  id?: string;
  /** The accessible name when no form label names the picker (a filter). */
  ariaLabel?: string;
  style?: React.CSSProperties;
}

/** Picks an organisation by code from the agency → unit tree, searchable by name. */
export function OrgPicker({ tree, value, onChange, withPlatform, allowClear, placeholder, id, ariaLabel, style }: Props) {
  const options = orgOptions(tree);
  const treeData = withPlatform ? [{ value: '*', title: '全平台（所有机关）', children: [] }, ...options] : options;
  return (
    <TreeSelect
      id={id}
      aria-label={ariaLabel}
      style={style}
      value={value}
      onChange={(v: string | undefined) => onChange?.(v)}
      treeData={treeData}
      treeDefaultExpandAll
      showSearch={{ filterTreeNode: (input, node) => matches(input, node) }}
      allowClear={allowClear}
      placeholder={placeholder ?? '选择机构'}
    />
  );
}

/** Searching finds an organisation by its name or its code. */
function matches(input: string, node: { title?: unknown; value?: unknown }): boolean {
  const q = input.trim().toLowerCase();
  const text = (v: unknown) => (typeof v === 'string' ? v.toLowerCase() : '');
  return text(node.title).includes(q) || text(node.value).includes(q);
}
