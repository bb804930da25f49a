import { describe, expect, it } from 'vitest';
import { api, login, startImport } from './support/browser.js';
import { E2E_ADMIN } from './support/relata-server.js';
import { useRelata } from './support/relata-session.js';

describe('Order import in the browser', () => {
  const relata = useRelata();

  it('chooses 订单, uploads an orders CSV for a customer mobile, commits and finds the order on the timeline', async () => {
    const customer = await api<{ id: number }>(relata.server.baseUrl, relata.adminToken, 'POST', '/api/customers', { name: '订单导入客户', mobile: '13900007777' });
    const page = await relata.browser.newPage();
    await login(page, relata.server.baseUrl, E2E_ADMIN.email, E2E_ADMIN.password);
    await startImport(page, relata.server.baseUrl, 'orders', ['订单号,手机,下单时间,商品编码,商品名称,数量,单价', 'E2E-ORD-1,13900007777,2026-05-01 10:00,SKU-1,导入茶杯,2,19.90', 'E2E-ORD-2,13900000000,2026-05-01 11:00,SKU-1,导入茶杯,1,19.90']);

    // Dry run: the unknown mobile is a row error; the mapping uses the order columns.
    await expect.poll(() => page.getByTestId('import-valid-count').textContent(), { timeout: 20_000 }).toBe('1');
    expect(await page.getByTestId('import-invalid-count').textContent()).toBe('1');
    expect(await page.getByTestId('import-mapping-订单号').textContent()).toContain('订单号');
    expect(await page.getByTestId('import-errors').textContent()).toContain('3');

    await page.getByTestId('import-commit').click();
    await expect.poll(() => page.getByTestId('import-orders-created').textContent(), { timeout: 20_000 }).toBe('1');
    await page.getByTestId('import-error-report').waitFor();

    await page.goto(`${relata.server.baseUrl}/customers/${customer.id}`);
    await page.getByTestId('tab-timeline').click();
    await expect.poll(() => page.getByTestId('timeline-list').textContent(), { timeout: 20_000 }).toContain('E2E-ORD-1');
    expect(await page.getByTestId('timeline-list').textContent()).not.toContain('E2E-ORD-2');
    await page.close();
  });
});
