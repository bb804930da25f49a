import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpApp } from '../../server/http-server.js';
import { basicAuth, createIngestTestApp, type IngestTestApp } from './ingest-test-app.js';
import { originAllowed } from './tracking-cors.js';

describe('originAllowed', () => {
  const cases: [string, string[], boolean][] = [
    ['https://shop.example.cn', ['*'], true],
    ['null', ['*'], true],
    ['https://shop.example.cn', ['https://shop.example.cn'], true],
    ['https://SHOP.example.cn', ['https://shop.example.cn/'], true],
    ['http://shop.example.cn', ['https://shop.example.cn'], false],
    ['https://a.example.cn', ['https://*.example.cn'], true],
    ['https://a.b.example.cn', ['https://*.example.cn'], true],
    ['https://example.cn', ['https://*.example.cn'], false],
    ['https://evil-example.cn', ['https://*.example.cn'], false],
    ['https://other.cn', ['https://shop.example.cn', 'https://*.example.cn'], false],
    ['null', ['https://shop.example.cn'], false],
  ];
  it.each(cases)('%s with %j → %s', (origin, list, allowed) => {
    expect(originAllowed(origin, list)).toBe(allowed);
  });
});

describe('CORS on the tracking API', () => {
  let t: IngestTestApp;
  let auth: Record<string, string>;
  const origin = 'https://shop.example.cn';
  const preflight = (app = t.app, url = '/v1/batch', from = origin) =>
    app.inject({ method: 'OPTIONS', url, headers: { origin: from, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' } });

  beforeAll(async () => {
    t = await createIngestTestApp();
    auth = basicAuth((await t.createSource('browser')).writeKey);
  });
  afterAll(() => t.close());

  it('answers preflights of every /v1 call for any origin by default, reflecting it', async () => {
    for (const url of ['/v1/batch', '/v1/track', '/v1/identify', '/v1/page']) {
      const res = await preflight(t.app, url);
      expect(res.statusCode, url).toBe(204);
      expect(res.headers).toMatchObject({
        'access-control-allow-origin': origin,
        'access-control-allow-methods': 'POST, OPTIONS',
        'access-control-allow-headers': 'Authorization, Content-Type',
        'access-control-max-age': '86400',
        vary: 'Origin',
      });
    }
  });

  it('reflects the origin on answers, errors included, and stores the event', async () => {
    const ok = await t.app.inject({ method: 'POST', url: '/v1/track', headers: { ...auth, origin, 'content-type': 'text/plain' }, payload: JSON.stringify({ anonymousId: 'cors-a1', event: 'Viewed', messageId: 'cors-1' }) });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.headers['access-control-allow-origin']).toBe(origin);
    expect((await t.db.query(`SELECT count(*)::int AS n FROM events WHERE message_id = 'cors-1'`)).rows[0]).toEqual({ n: 1 });
    const unauthorised = await t.app.inject({ method: 'POST', url: '/v1/track', headers: { origin }, payload: { anonymousId: 'x', event: 'y' } });
    expect(unauthorised.statusCode).toBe(401);
    expect(unauthorised.headers['access-control-allow-origin']).toBe(origin);
  });

  it('never answers cross-origin on /api', async () => {
    const api = await t.app.inject({ method: 'GET', url: '/api/me', headers: { ...t.adminHeaders, origin } });
    expect(api.statusCode).toBe(200);
    expect(api.headers['access-control-allow-origin']).toBeUndefined();
    const apiPreflight = await preflight(t.app, '/api/customers');
    expect(apiPreflight.headers['access-control-allow-origin']).toBeUndefined();
    expect(apiPreflight.statusCode).toBeGreaterThanOrEqual(400);
  });

  it('honours RELATA_TRACKING_ALLOWED_ORIGINS: listed origins only', async () => {
    const app = await createHttpApp({ ...t.deps, config: { ...t.deps.config, trackingAllowedOrigins: ['https://*.example.cn', 'https://brand.com'] } });
    try {
      expect((await preflight(app, '/v1/batch', 'https://brand.com')).headers['access-control-allow-origin']).toBe('https://brand.com');
      expect((await preflight(app, '/v1/batch', 'https://m.example.cn')).headers['access-control-allow-origin']).toBe('https://m.example.cn');
      const refused = await preflight(app, '/v1/batch', 'https://evil.com');
      expect(refused.statusCode).toBe(204);
      expect(refused.headers['access-control-allow-origin']).toBeUndefined();
      expect(refused.headers['access-control-allow-headers']).toBeUndefined();
      const post = await app.inject({ method: 'POST', url: '/v1/track', headers: { ...auth, origin: 'https://evil.com' }, payload: { anonymousId: 'cors-a2', event: 'Viewed' } });
      expect(post.statusCode).toBe(200);
      expect(post.headers['access-control-allow-origin']).toBeUndefined();
    } finally {
      await app.close();
    }
  });
});
