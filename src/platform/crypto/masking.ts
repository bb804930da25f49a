/** Display masks for sensitive values, e.g. `13812341234` → `138****1234`. Pure. */
export type MaskKind = 'mobile' | 'email' | 'idNumber' | 'address' | 'generic';

export function mask(kind: MaskKind, value: string): string {
  switch (kind) {
    case 'mobile':
      return maskMiddle(value.replace(/^\+86/, ''), 3, 4);
    case 'email': {
      const at = value.indexOf('@');
      if (at <= 0) return maskMiddle(value, 1, 0);
      return `${value.slice(0, 1)}***${value.slice(at)}`;
    }
    case 'idNumber':
      return maskMiddle(value, 3, 4);
    case 'address':
      return maskAddress(value);
    default:
      return maskMiddle(value, 1, 1);
  }
}

function maskMiddle(value: string, keepStart: number, keepEnd: number): string {
  const chars = [...value];
  if (chars.length <= keepStart + keepEnd) return '*'.repeat(Math.max(chars.length, 3));
  const hidden = chars.length - keepStart - keepEnd;
  return chars.slice(0, keepStart).join('') + '*'.repeat(hidden) + chars.slice(chars.length - keepEnd).join('');
}

/**
 * The administrative part (province, city, district / county) stays readable, the street part is
 * hidden without telling its length: `广东省深圳市南山区科技园路1号` → `广东省深圳市南山区****`. Text
 * with no recognisable region keeps its first two characters.
 */
const ADDRESS_REGION = /^(?:[^省市]{2,8}?(?:省|自治区|特别行政区))?(?:[^市盟区县]{1,10}?(?:市|自治州|盟|地区))?(?:[^区县旗市]{1,10}?(?:区|县|旗|市))?/u;

function maskAddress(value: string): string {
  const region = ADDRESS_REGION.exec(value)?.[0] ?? '';
  const chars = [...value];
  const keep = region.length > 0 && region.length < value.length ? region : chars.slice(0, Math.min(2, Math.max(0, chars.length - 1))).join('');
  return `${keep}****`;
}
