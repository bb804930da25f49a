import { describe, expect, it } from 'vitest';
import { api, choose, login } from './support/browser.js';
import { E2E_ADMIN } from './support/relata-server.js';
import { useRelata } from './support/relata-session.js';

const SHANGHAI_MS = 8 * 3_600_000;

/** The 15th, noon Shanghai time, of the month `back` months before the current Shanghai month; and its YYYY-MM. */
function monthAgo(back: number): { month: string; at: string } {
  const now = new Date(Date.now() + SHANGHAI_MS);
  const day = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, 15, 12) - SHANGHAI_MS);
  return { month: new Date(day.getTime() + SHANGHAI_MS).toISOString().slice(0, 7), at: day.toISOString() };
}

describe('insights dashboard in the browser', () => {
  const relata = useRelata();

  it('shows portrait counts by province and the cohort table, then English labels', async () => {
    const { baseUrl } = relata.server;
    const token = relata.adminToken;
    const twoAgo = monthAgo(2);
    const oneAgo = monthAgo(1);
    // Guangdong three times (a city code counts in its province), Qinghai once.
    const customers = [
      { name: '画像客户1', regionCode: '440100', industry: 'it', source: 'referral', level: 'A', orders: [twoAgo.at, oneAgo.at] },
      { name: '画像客户2', regionCode: '440300', industry: 'it', source: 'ads', level: 'B', orders: [twoAgo.at] },
      { name: '画像客户3', regionCode: '440000', industry: 'finance', source: 'referral', level: 'A', orders: [] },
      { name: '画像客户4', regionCode: '630000', industry: 'media', source: 'search', level: 'C', orders: [] },
    ];
    for (const [i, { orders, ...fields }] of customers.entries()) {
      const customer = await api<{ id: number }>(baseUrl, token, 'POST', '/api/customers', fields);
      const items = orders.map((orderedAt, k) => ({
        customerId: customer.id,
        externalId: `e2e-cohort-${i}-${k}`,
        channel: '官网',
        status: 'paid',
        orderedAt,
        lines: [{ sku: 'sku-e2e', productName: '测试商品', quantity: 1, unitPrice: 100 }],
      }));
      if (items.length > 0) expect((await api<{ errors: unknown[] }>(baseUrl, token, 'POST', '/api/orders/batch', { orders: items })).errors).toEqual([]);
    }

    const page = await relata.browser.newPage();
    await login(page, baseUrl, E2E_ADMIN.email, E2E_ADMIN.password);
    await page.goto(`${baseUrl}/insights`);
    await page.getByTestId('insights-tab-portrait').click();
    await expect.poll(() => page.getByTestId('portrait-total').textContent()).toContain('4');
    expect(await page.getByTestId('portrait-province-count-440000').textContent()).toBe('3');
    expect(await page.getByTestId('portrait-province-count-630000').textContent()).toBe('1');
    expect(await page.getByTestId('portrait-province-table').textContent()).toContain('广东省');
    // ECharts and the China map load lazily; the map is drawn once they have.
    await expect.poll(() => page.getByTestId('portrait-map').getAttribute('data-ready'), { timeout: 20_000 }).toBe('true');
    expect(await page.getByTestId('portrait-map').locator('canvas').count()).toBe(1);
    // The figures are kept (the stamp says since when) until Refresh recomputes them.
    await api(baseUrl, token, 'POST', '/api/customers', { name: '画像客户5', regionCode: '630000' });
    expect(await page.getByTestId('portrait-as-of').textContent()).toContain('数据截至');
    await page.getByTestId('portrait-as-of-refresh').click();
    await expect.poll(() => page.getByTestId('portrait-total').textContent()).toContain('5');
    expect(await page.getByTestId('portrait-province-count-630000').textContent()).toBe('2');

    await page.getByTestId('insights-tab-cohort').click();
    await expect.poll(() => page.getByTestId(`cohort-size-${twoAgo.month}`).textContent()).toBe('2');
    expect(await page.getByTestId(`cohort-cell-${twoAgo.month}-1`).textContent()).toBe('50.0%');
    expect(await page.getByTestId(`cohort-size-${oneAgo.month}`).textContent()).toBe('0');

    await page.getByTestId('insights-tab-value').click();
    await expect.poll(() => page.getByTestId('dist-clv').textContent()).toContain('还没有 CLV 结果');

    await choose(page, 'lang-switch', 'en');
    await expect.poll(() => page.getByTestId('insights-tab-portrait').textContent()).toBe('Customer portrait');
    expect(await page.getByTestId('dist-clv').textContent()).toContain('No CLV results yet');
    await page.getByTestId('insights-tab-portrait').click();
    await expect.poll(() => page.getByTestId('portrait-province-table').textContent()).toContain('Guangdong');
    expect(await page.getByTestId('portrait-province-table').textContent()).toContain('Qinghai');
    expect(await page.getByTestId('portrait-industry').textContent()).toContain('Industry');
    expect(await page.getByTestId('portrait-total').textContent()).toContain('5 customers you can see');
    await page.getByTestId('insights-tab-cohort').click();
    await expect.poll(() => page.getByTestId('cohort-table').textContent()).toContain('First purchase');
    await page.getByTestId('insights-tab-clusters').click();
    await expect.poll(() => page.getByTestId('clusters-empty').textContent()).toContain('No clusters yet');
    await page.close();
  });
});
