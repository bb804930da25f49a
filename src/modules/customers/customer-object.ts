import type { FieldDefinition, ObjectDefinition, SelectOption } from '../../platform/records/index.js';
import { normalizeEmail, normalizeIdNumber, normalizeMobile } from './customer-normalizers.js';

const option = (value: string, labelZh: string, labelEn: string): SelectOption => ({ value, labelZh, labelEn });

export const LEVEL_OPTIONS = [option('A', 'A（重点）', 'A (key)'), option('B', 'B（普通）', 'B (normal)'), option('C', 'C（非优先）', 'C (low priority)')];

export const SOURCE_OPTIONS = [
  option('promotion', '促销', 'Promotion'),
  option('search', '搜索引擎', 'Search engine'),
  option('ads', '广告', 'Advertising'),
  option('referral', '转介绍', 'Referral'),
  option('signup', '线上注册', 'Online sign-up'),
  option('inquiry', '线上咨询', 'Online inquiry'),
  option('appointment', '预约上门', 'Appointment'),
  option('cold_visit', '陌拜', 'Cold visit'),
  option('phone', '电话咨询', 'Phone inquiry'),
  option('email', '邮件咨询', 'Email inquiry'),
];

export const INDUSTRY_OPTIONS = [
  option('it', 'IT', 'IT'),
  option('finance', '金融业', 'Finance'),
  option('real_estate', '房地产', 'Real estate'),
  option('business_services', '商业服务', 'Business services'),
  option('logistics', '运输/物流', 'Transport / logistics'),
  option('manufacturing', '生产', 'Manufacturing'),
  option('government', '政府', 'Government'),
  option('media', '文化传媒', 'Culture & media'),
];

function field(key: string, column: string, type: FieldDefinition['type'], labelZh: string, labelEn: string, extra: Partial<FieldDefinition> = {}): FieldDefinition {
  return { key, column, type, labelZh, labelEn, options: [], required: false, system: false, custom: false, ...extra };
}

const SYSTEM = { system: true } as const;

/** The customer object: built-in fields (custom fields are added at run time by admins). */
export const customerObject: ObjectDefinition = {
  name: 'customer',
  table: 'customers',
  ownerColumn: 'owner_id',
  team: { table: 'customer_team', recordColumn: 'customer_id' },
  searchFields: ['name', 'company', 'mobile', 'email'],
  sortIndexColumns: ['created_at', 'name'],
  // Ingest holds the customers its events point at; merges and deletes lock them for removal.
  removalLockClass: 727372010,
  systemFields: [
    field('id', 'id', 'number', '编号', 'ID', SYSTEM),
    field('name', 'name', 'text', '客户名称', 'Name', { required: true, maxLength: 200 }),
    field('kind', 'kind', 'select', '客户类型', 'Type', {
      options: [option('person', '个人', 'Person'), option('company', '企业', 'Company')],
    }),
    field('level', 'level', 'select', '客户等级', 'Level', { options: LEVEL_OPTIONS }),
    field('source', 'source', 'select', '客户来源', 'Source', { options: SOURCE_OPTIONS }),
    field('industry', 'industry', 'select', '行业', 'Industry', { options: INDUSTRY_OPTIONS }),
    field('regionCode', 'region_code', 'region', '地区', 'Region'),
    field('company', 'company', 'text', '公司', 'Company', { maxLength: 200 }),
    // Kept as typed; the data-quality job flags what does not parse (DOMAIN §2: never dropped).
    // Street-level personal data: encrypted at rest, masked to its region part (region_code stays clear).
    field('address', 'address', 'text', '地址', 'Address', { maxLength: 500, sensitive: 'address' }),
    field('creditCode', 'credit_code', 'text', '统一社会信用代码', 'Unified social credit code', { maxLength: 50 }),
    field('gender', 'gender', 'select', '性别', 'Gender', {
      options: [option('male', '男', 'Male'), option('female', '女', 'Female'), option('unknown', '未知', 'Unknown')],
    }),
    field('birthday', 'birthday', 'date', '生日', 'Birthday'),
    field('mobile', 'mobile', 'phone', '手机号', 'Mobile', { sensitive: 'mobile', normalize: normalizeMobile }),
    field('email', 'email', 'email', '邮箱', 'Email', { sensitive: 'email', normalize: normalizeEmail }),
    field('idNumber', 'id_number', 'text', '身份证号', 'ID number', { sensitive: 'idNumber', normalize: normalizeIdNumber }),
    field('ownerId', 'owner_id', 'user', '负责人', 'Owner', SYSTEM),
    field('createdBy', 'created_by', 'user', '创建人', 'Created by', SYSTEM),
    field('createdAt', 'created_at', 'datetime', '创建时间', 'Created at', SYSTEM),
    field('updatedBy', 'updated_by', 'user', '修改人', 'Updated by', SYSTEM),
    field('updatedAt', 'updated_at', 'datetime', '更新时间', 'Updated at', SYSTEM),
  ],
};

/** Encrypted columns of customers, for key rotation. */
export const customerEncryptedColumns = ['mobile_enc', 'email_enc', 'id_number_enc', 'address_enc'].map((column) => ({
  table: 'customers',
  column,
  key: 'id',
}));
