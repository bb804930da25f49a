import { describe, expect, it } from 'vitest';
import { api, login, startImport } from './support/browser.js';
import { E2E_ADMIN } from './support/relata-server.js';
import { useRelata } from './support/relata-session.js';

describe('Event import in the browser', () => {
  const relata = useRelata();

  it('chooses 行为事件, uploads an events CSV keyed by mobile, commits and finds the event on the timeline', async () => {
    const customer = await api<{ id: number }>(relata.server.baseUrl, relata.adminToken, 'POST', '/api/customers', { name: '事件导入客户', mobile: '13900008888' });
    const page = await relata.browser.newPage();
    await login(page, relata.server.baseUrl, E2E_ADMIN.email, E2E_ADMIN.password);
    // Row 3 names no customer at all: a row error; the valid row is stored once, then found on the timeline.
    await startImport(page, relata.server.baseUrl, 'events', ['手机,事件,发生时间,属性,消息ID', '13900008888,E2E导入浏览,2026-05-01 10:00,"{""sku"":""S-9""}",e2e-ev-1', ',E2E导入浏览,2026-05-01 11:00,,e2e-ev-2']);

    await expect.poll(() => page.getByTestId('import-valid-count').textContent(), { timeout: 20_000 }).toBe('1');
    expect(await page.getByTestId('import-invalid-count').textContent()).toBe('1');
    expect(await page.getByTestId('import-mapping-事件').textContent()).toContain('事件');

    await page.getByTestId('import-commit').click();
    await expect.poll(() => page.getByTestId('import-result-created').textContent(), { timeout: 20_000 }).toBe('1');

    await page.goto(`${relata.server.baseUrl}/customers/${customer.id}`);
    await page.getByTestId('tab-timeline').click();
    await expect.poll(() => page.getByTestId('timeline-list').textContent(), { timeout: 20_000 }).toContain('E2E导入浏览');
    await page.close();
  });
});
