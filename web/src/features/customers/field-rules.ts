// antd Form validation rules derived from field metadata.
import type { FormRule } from 'antd';
import type { FieldMeta } from '../../app/api-types';
import type { I18n } from '../../app/i18n/i18n-context';

const MOBILE = /^(?:\+?86|0086)?1[3-9]\d{9}$/;
const LANDLINE = /^(?:0\d{2,3})?\d{7,8}\d{0,6}$/;
const SERVICE_NUMBER = /^[48]00\d{7}$/;

/** Mainland mobile (+86 optional), landline with area code and extension, or 400/800 numbers. */
export function isValidPhone(value: string): boolean {
  const digits = value.replace(/[\s()-]/g, '');
  return MOBILE.test(digits) || LANDLINE.test(digits) || SERVICE_NUMBER.test(digits);
}

export function fieldRules(field: FieldMeta, i18n: I18n, options: { requireValue: boolean }): FormRule[] {
  const rules: FormRule[] = [];
  if (field.required && options.requireValue) {
    rules.push({
      required: true,
      whitespace: ['text', 'phone', 'email', 'url'].includes(field.type),
      message: i18n.t('common.required', { label: i18n.label(field) }),
    });
  }
  switch (field.type) {
    case 'phone':
      rules.push({
        validator: async (_rule, value: unknown) => {
          if (typeof value === 'string' && value.trim() && !isValidPhone(value)) throw new Error(i18n.t('validation.phone'));
        },
      });
      break;
    case 'email':
      rules.push({ type: 'email', message: i18n.t('validation.email') });
      break;
    case 'url':
      rules.push({ type: 'url', message: i18n.t('validation.url') });
      break;
    case 'number':
    case 'money':
      rules.push({ type: 'number', message: i18n.t('validation.number') });
      break;
    default:
      break;
  }
  return rules;
}
