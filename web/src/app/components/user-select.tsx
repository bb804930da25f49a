import { Select } from 'antd';
import { type CSSProperties, useMemo } from 'react';
import { useUserOptions } from '../reference-data';
import { findableSelectProps, withTestIds } from './select-options';

interface UserSelectProps {
  value?: string | string[] | null;
  onChange?: (value: string | string[] | undefined) => void;
  multiple?: boolean;
  placeholder?: string;
  allowClear?: boolean;
  excludeId?: string;
  'data-testid'?: string;
  style?: CSSProperties;
}

/** Picks users from GET /api/users/options. */
export function UserSelect({ value, onChange, multiple, excludeId, ...rest }: UserSelectProps) {
  const users = useUserOptions();
  const options = useMemo(
    () =>
      withTestIds(
        rest['data-testid'],
        (users.data ?? []).filter((user) => user.id !== excludeId).map((user) => ({ value: user.id, label: user.name })),
      ),
    [users.data, excludeId, rest['data-testid']],
  );
  return (
    <Select
      {...findableSelectProps}
      {...rest}
      showSearch
      mode={multiple ? 'multiple' : undefined}
      loading={users.isPending}
      options={options}
      value={value ?? undefined}
      onChange={(next: string | string[] | undefined) => onChange?.(next)}
    />
  );
}
