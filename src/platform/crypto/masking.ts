/** Display masks for sensitive values, e.g. `13812341234` → `138****1234`. Pure. */
export type MaskKind = 'mobile' | 'email' | 'idNumber' | 'generic';

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
