import { describe, expect, it } from 'vitest';
import { api, login } from './support/browser.js';
import { E2E_ADMIN } from './support/relata-server.js';
import { useRelata } from './support/relata-session.js';

const DAY_MS = 86_400_000;

describe('insights: RFM in the browser', () => {
  const relata = useRelata();

  it('runs RFM from the page, shows the grid counts and clicks through a segment to a customer', async () => {
    const { baseUrl } = relata.server;
    const token = relata.adminToken;
    // Customer i: i orders of 100·i yuan, the latest (7 − i)·5 days ago → customer 6 is a champion.
    const ids: number[] = [];
    for (let i = 1; i <= 6; i++) {
      const customer = await api<{ id: number }>(baseUrl, token, 'POST', '/api/customers', { name: `洞察客户${i}` });
      ids.push(customer.id);
      const orders = Array.from({ length: i }, (_, k) => ({
        customerId: customer.id,
        externalId: `e2e-rfm-${i}-${k}`,
        channel: '官网',
        status: 'paid',
        orderedAt: new Date(Date.now() - ((7 - i) * 5 + k * 7) * DAY_MS - 3_600_000).toISOString(),
        lines: [{ sku: 'sku-e2e', productName: '测试商品', quantity: 1, unitPrice: 100 * i }],
      }));
      const stored = await api<{ errors: unknown[] }>(baseUrl, token, 'POST', '/api/orders/batch', { orders });
      expect(stored.errors).toEqual([]);
    }

    const page = await relata.browser.newPage();
    await login(page, baseUrl, E2E_ADMIN.email, E2E_ADMIN.password);
    await page.getByTestId('nav-insights').click();
    await page.getByTestId('insights-last-run').waitFor();
    // `relata start` may already have run the nightly schedule's catch-up slot (on no orders yet).
    const latest = async () => (await api<{ items: { id: number; status: string }[] }>(baseUrl, token, 'GET', '/api/analytics/runs?model=rfm&limit=1')).items[0];
    const before = (await latest())?.id ?? 0;

    await page.getByTestId('insights-run-now').click();
    await expect.poll(async () => ((await latest())?.id ?? 0) > before, { timeout: 10_000 }).toBe(true);
    // The worker of `relata start` picks the run up; the page polls it and then reloads the grid.
    await page.getByTestId('rfm-grid').waitFor({ timeout: 30_000 });
    await expect.poll(() => page.getByTestId('rfm-total').textContent()).toContain('6');
    await expect.poll(() => page.getByTestId('insights-last-run').textContent()).toContain('最近计算');
    expect(await latest()).toMatchObject({ status: 'succeeded' });
    const cells = await page.locator('[data-testid^="rfm-cell-count-"]').allTextContents();
    expect(cells).toHaveLength(25);
    expect(cells.reduce((n, text) => n + Number(text), 0)).toBe(6);
    expect(await page.getByTestId('rfm-cell-count-55').textContent()).not.toBe('0');
    expect(await page.getByTestId('rfm-segment-count-champions').textContent()).not.toBe('0');
    expect(await page.getByTestId('rfm-segments').textContent()).toContain('重要价值 Champions');

    await page.getByTestId('rfm-segment-champions').click();
    await page.getByTestId(`rfm-member-${ids[5]}`).click();
    await page.waitForURL(`**/customers/${ids[5]}`);
    await expect.poll(() => page.getByTestId('customer-detail-name').textContent()).toContain('洞察客户6');
    await page.close();
  });
});
