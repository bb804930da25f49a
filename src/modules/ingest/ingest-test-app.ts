import { createTestApp, type TestApp } from '../../../test/support/test-app.js';

/** The full test app (test/support/test-app.ts) plus the ingest tests' helpers. */
export interface IngestTestApp extends TestApp {
  /** A new source's write key and id. */
  createSource(name?: string): Promise<{ id: number; writeKey: string }>;
}

export async function createIngestTestApp(): Promise<IngestTestApp> {
  const t = await createTestApp({ now: new Date('2026-05-01T08:00:00Z') });
  return {
    ...t,
    async createSource(name = 'web') {
      const res = await t.app.inject({ method: 'POST', url: '/api/sources', headers: t.adminHeaders, payload: { name } });
      if (res.statusCode !== 201) throw new Error(`source failed: ${res.body}`);
      return res.json();
    },
  };
}

export function basicAuth(writeKey: string): Record<string, string> {
  return { authorization: `Basic ${Buffer.from(`${writeKey}:`).toString('base64')}` };
}
