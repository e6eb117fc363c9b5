import { Select } from 'antd';
import { useMemo, type CSSProperties } from 'react';
import { useAgencyTree } from '../orgs/useOrgs.js';
import { unitOptions } from './logic.js';

interface Props {
  id?: string;
  agency: string | undefined;
  /** The unit's id (what the handling API takes) or its code (what the inbox filter takes). */
  by: 'id' | 'code';
  value?: string | undefined;
  onChange?: (value: string | undefined) => void;
  /** A unit not to offer (the one already handling a message being transferred). */
  exclude?: string | null | undefined;
  allowClear?: boolean;
  placeholder?: string;
  style?: CSSProperties;
  'aria-label'?: string;
}

/** The choice of one of an agency's units, searchable by name; fits a Form.Item (value/onChange). */
export function UnitSelect({ id, agency, by, value, onChange, exclude, allowClear, placeholder = '选择承办单位', style, 'aria-label': ariaLabel }: Props) {
  const tree = useAgencyTree(agency);
  const options = useMemo(
    () =>
      unitOptions(tree.data?.flat ?? [])
        .filter((o) => o.value !== exclude && o.code !== exclude)
        .map((o) => ({ value: by === 'id' ? o.value : o.code, label: o.label })),
    [tree.data, by, exclude],
  );
  return (
    <Select
      id={id}
      aria-label={ariaLabel}
      showSearch={{ optionFilterProp: 'label' }}
      allowClear={allowClear}
      placeholder={placeholder}
      loading={tree.loading}
      value={value}
      onChange={(v: string | undefined) => onChange?.(v ?? undefined)}
      options={options}
      style={{ minWidth: 220, ...style }}
    />
  );
}
