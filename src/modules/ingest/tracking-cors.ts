/**
 * CORS for the tracking API (pure). Browser SDKs (analytics.js, RudderStack's JS SDK) post to /v1/*
 * from the customer's own sites, so those routes answer preflights and reflect an allowed origin.
 * `/api/*` never gets CORS headers: the web app is same-origin, and session routes must stay so.
 */

/** What a preflight may ask for: the write key travels in Authorization (HTTP Basic). */
export const TRACKING_CORS_METHODS = 'POST, OPTIONS';
export const TRACKING_CORS_HEADERS = 'Authorization, Content-Type';
export const TRACKING_CORS_MAX_AGE_SECONDS = 86_400;

/**
 * Whether `origin` matches the allow-list: `*` (any), an exact origin (`https://shop.example.cn`),
 * or a subdomain pattern (`https://*.example.cn`, which does not match `https://example.cn`).
 * Comparison ignores case and a trailing slash.
 */
export function originAllowed(origin: string, allowList: readonly string[]): boolean {
  const wanted = origin.trim().toLowerCase().replace(/\/$/, '');
  if (wanted === '' || wanted === 'null') return allowList.includes('*');
  return allowList.some((entry) => {
    const allowed = entry.trim().toLowerCase().replace(/\/$/, '');
    if (allowed === '*') return true;
    const star = allowed.indexOf('://*.');
    if (star < 0) return allowed === wanted;
    const scheme = allowed.slice(0, star + 3);
    const suffix = allowed.slice(star + 4);
    return wanted.startsWith(scheme) && wanted.endsWith(suffix) && wanted.length > scheme.length + suffix.length;
  });
}

/** The headers every answer to an allowed origin carries (the origin reflected, as credentials-free CORS allows). */
export function corsHeaders(origin: string | undefined, allowList: readonly string[]): Record<string, string> | null {
  if (origin === undefined || !originAllowed(origin, allowList)) return null;
  return { 'Access-Control-Allow-Origin': origin, Vary: 'Origin' };
}

/** The extra headers of a preflight answer to an allowed origin. */
export function preflightHeaders(origin: string | undefined, allowList: readonly string[]): Record<string, string> | null {
  const base = corsHeaders(origin, allowList);
  if (base === null) return null;
  return {
    ...base,
    'Access-Control-Allow-Methods': TRACKING_CORS_METHODS,
    'Access-Control-Allow-Headers': TRACKING_CORS_HEADERS,
    'Access-Control-Max-Age': String(TRACKING_CORS_MAX_AGE_SECONDS),
  };
}
