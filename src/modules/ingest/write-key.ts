/**
 * The write key of a tracking call: HTTP Basic with the key as user name and an empty password
 * (`Authorization: Basic base64("<key>:")`), or `writeKey` in the JSON body, as Segment allows.
 * Pure; null when neither is present.
 *
 * @example writeKeyOf('Basic ' + btoa('wk_abc:'), {}) // → 'wk_abc'
 */
export function writeKeyOf(authorization: string | undefined, body: unknown): string | null {
  const basic = authorization ? /^Basic\s+([A-Za-z0-9+/=_-]+)\s*$/i.exec(authorization) : null;
  if (basic?.[1]) {
    const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
    const user = decoded.split(':')[0] ?? '';
    if (user !== '') return user;
  }
  if (body && typeof body === 'object' && !Array.isArray(body)) {
    const key = (body as Record<string, unknown>).writeKey;
    if (typeof key === 'string' && key !== '') return key;
  }
  return null;
}
