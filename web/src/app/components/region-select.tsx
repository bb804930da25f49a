import { TreeSelect } from 'antd';
import { type CSSProperties, useMemo } from 'react';
import { useRegions } from '../reference-data';
import { buildTree } from './tree-options';

interface RegionSelectProps {
  value?: string | null;
  onChange?: (value: string | undefined) => void;
  placeholder?: string;
  allowClear?: boolean;
  'data-testid'?: string;
  style?: CSSProperties;
}

/** Picks a province or city (division code) from GET /api/regions. */
export function RegionSelect({ value, onChange, ...rest }: RegionSelectProps) {
  const regions = useRegions();
  const treeData = useMemo(
    () =>
      buildTree(
        regions.data ?? [],
        (region) => region.code,
        (region) => region.parentCode,
        (region) => region.name,
      ),
    [regions.data],
  );
  return (
    <TreeSelect
      {...rest}
      showSearch
      treeNodeFilterProp="title"
      loading={regions.isPending}
      treeData={treeData}
      value={value ?? undefined}
      onChange={(next: string | undefined) => onChange?.(next)}
    />
  );
}
