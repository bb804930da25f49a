import { TreeSelect } from 'antd';
import { type CSSProperties, useMemo } from 'react';
import type { Id } from '../api-types';
import { useDepartmentOptions } from '../reference-data';
import { buildTree } from './tree-options';

interface DepartmentSelectProps {
  value?: Id | null;
  onChange?: (value: Id | undefined) => void;
  placeholder?: string;
  allowClear?: boolean;
  'data-testid'?: string;
  style?: CSSProperties;
}

/** Picks a department from GET /api/departments/options, shown as a tree. */
export function DepartmentSelect({ value, onChange, ...rest }: DepartmentSelectProps) {
  const departments = useDepartmentOptions();
  const treeData = useMemo(
    () =>
      buildTree(
        departments.data ?? [],
        (department) => department.id,
        (department) => department.parentId,
        (department) => department.name,
      ),
    [departments.data],
  );
  return (
    <TreeSelect
      {...rest}
      showSearch
      treeDefaultExpandAll
      treeNodeFilterProp="title"
      virtual={false}
      loading={departments.isPending}
      treeData={treeData}
      value={value ?? undefined}
      onChange={(next: Id | undefined) => onChange?.(next)}
    />
  );
}
