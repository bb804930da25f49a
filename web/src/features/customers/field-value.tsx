import { Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import type { FieldMeta } from '../../app/api-types';
import { type I18n, useI18n } from '../../app/i18n/i18n-context';
import { indexById, useDepartmentOptions, useRegions, useUserOptions } from '../../app/reference-data';
import type { CustomerRecord } from './customers-api';
import { asStringArray, companionNameKey, formatDate, formatDateTime, formatMoney, isEmptyValue } from './field-format';

export interface FieldLookups {
  userName: (id: string) => string | undefined;
  departmentName: (id: string) => string | undefined;
  regionName: (code: string) => string | undefined;
}

/** Loads only the reference lists the given fields need to show names instead of ids. */
export function useFieldLookups(fields: readonly FieldMeta[]): FieldLookups {
  const needsRegions = fields.some((field) => field.type === 'region');
  const users = useUserOptions();
  const departments = useDepartmentOptions();
  const regions = useRegions(needsRegions);
  const usersById = indexById(users.data);
  const departmentsById = indexById(departments.data);
  const regionsByCode = new Map((regions.data ?? []).map((region) => [region.code, region]));
  return {
    userName: (id) => usersById(id)?.name,
    departmentName: (id) => departmentsById(id)?.name,
    regionName: (code) => {
      const region = regionsByCode.get(code);
      if (!region) return undefined;
      const parent = region.parentCode ? regionsByCode.get(region.parentCode) : undefined;
      return parent ? `${parent.name} / ${region.name}` : region.name;
    },
  };
}

export const EMPTY_CELL = '-';

function optionLabel(field: FieldMeta, value: string, i18n: I18n): string {
  const option = field.options?.find((candidate) => candidate.value === value);
  return option ? i18n.label(option) : value;
}

/** Renders one value of a record according to its field type. */
export function renderFieldValue(field: FieldMeta, record: CustomerRecord, i18n: I18n, lookups: FieldLookups): ReactNode {
  const value = record[field.key];
  if (field.type === 'user') {
    const companion = record[companionNameKey(field.key)];
    if (typeof companion === 'string' && companion) return companion;
  }
  if (isEmptyValue(value)) return EMPTY_CELL;
  switch (field.type) {
    case 'money':
      return formatMoney(value);
    case 'number':
      return String(value);
    case 'date':
      return formatDate(value);
    case 'datetime':
      return formatDateTime(value);
    case 'boolean':
      return value === true || value === 'true' ? i18n.t('common.yes') : i18n.t('common.no');
    case 'select':
      return optionLabel(field, String(value), i18n);
    case 'multiselect':
      return asStringArray(value).map((item) => (
        <Tag key={item} bordered={false}>
          {optionLabel(field, item, i18n)}
        </Tag>
      ));
    case 'user':
      return lookups.userName(String(value)) ?? String(value);
    case 'department':
      return lookups.departmentName(String(value)) ?? String(value);
    case 'region':
      return lookups.regionName(String(value)) ?? String(value);
    case 'url':
      return /^https?:\/\//i.test(String(value)) ? (
        <Typography.Link href={String(value)} target="_blank" rel="noreferrer noopener">
          {String(value)}
        </Typography.Link>
      ) : (
        String(value)
      );
    default:
      return String(value);
  }
}

export function FieldValue({ field, record, lookups }: { field: FieldMeta; record: CustomerRecord; lookups: FieldLookups }) {
  const i18n = useI18n();
  return <>{renderFieldValue(field, record, i18n, lookups)}</>;
}
