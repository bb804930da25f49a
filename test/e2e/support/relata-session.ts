import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { apiLogin, launchBrowser } from './browser.js';
import { E2E_ADMIN, type RunningServer, startRelata } from './relata-server.js';

export interface RelataSession {
  server: RunningServer;
  browser: Browser;
  /** A bearer token of the first admin, for setting up data through the API. */
  adminToken: string;
}

/**
 * One real Relata server and one Chromium for the test file: started before its tests, stopped
 * after them. Call at the top of a `describe`; read the fields inside tests.
 */
export function useRelata(): RelataSession {
  const session = {} as RelataSession;
  beforeAll(async () => {
    session.server = await startRelata();
    session.browser = await launchBrowser();
    session.adminToken = await apiLogin(session.server.baseUrl, E2E_ADMIN.email, E2E_ADMIN.password);
  });
  afterAll(async () => {
    await session.browser?.close();
    await session.server?.stop();
  });
  return session;
}
