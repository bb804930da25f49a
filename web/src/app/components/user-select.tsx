import { Select } from 'antd';
import { type CSSProperties, useMemo } from 'react';
import type { Id } from '../api-types';
import { useUserOptions } from '../reference-data';
import { findableSelectProps, withTestIds } from './select-options';

type UserSelectValue = Id | Id[] | undefined;

interface UserSelectProps {
  value?: Id | Id[] | null;
  onChange?: (value: UserSelectValue) => void;
  multiple?: boolean;
  placeholder?: string;
  allowClear?: boolean;
  excludeId?: Id | null;
  'data-testid'?: string;
  style?: CSSProperties;
}

/** Picks users from GET /api/users/options; values are the users' ids as the API gives them. */
export function UserSelect({ value, onChange, multiple, excludeId, ...rest }: UserSelectProps) {
  const users = useUserOptions();
  const testId = rest['data-testid'];
  const options = useMemo(
    () =>
      withTestIds(
        testId,
        (users.data ?? [])
          .filter((user) => excludeId === undefined || excludeId === null || String(user.id) !== String(excludeId))
          .map((user) => ({ value: user.id, label: user.name })),
      ),
    [users.data, excludeId, testId],
  );
  return (
    <Select<UserSelectValue>
      {...findableSelectProps}
      {...rest}
      showSearch
      mode={multiple ? 'multiple' : undefined}
      loading={users.isPending}
      options={options}
      value={value ?? undefined}
      onChange={(next) => onChange?.(next)}
    />
  );
}
