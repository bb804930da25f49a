import { describe, expect, it } from 'vitest';
import { api, login } from './support/browser.js';
import { E2E_ADMIN } from './support/relata-server.js';
import { useRelata } from './support/relata-session.js';

describe('data quality in the browser', () => {
  const relata = useRelata();

  it('shows invalid and duplicate counts per field and opens the flagged customers in the list', async () => {
    const create = (body: Record<string, unknown>) => api<{ id: number }>(relata.server.baseUrl, relata.adminToken, 'POST', '/api/customers', body);
    await create({ name: '质量甲', mobile: '13912345678', address: '广东省深圳市南山区科技园' });
    await create({ name: '质量乙', mobile: '+86 139 1234 5678', address: '北京朝阳区建国路88号' });
    const flagged = await create({ name: '质量丙', address: '随便写的地址' });

    const page = await relata.browser.newPage();
    await login(page, relata.server.baseUrl, E2E_ADMIN.email, E2E_ADMIN.password);
    await page.getByTestId('nav-data-quality').click();
    await page.getByTestId('quality-page').waitFor();
    // Recompute through the UI: the worker of `relata start` runs the job (the outbox also flags on write).
    await page.getByTestId('quality-recompute').click();
    await expect
      .poll(
        async () => {
          await page.getByTestId('quality-refresh').click();
          return page.getByTestId('quality-last-run').textContent();
        },
        { timeout: 30_000, interval: 1000 },
      )
      .toMatch(/3/);
    await expect.poll(() => page.getByTestId('quality-invalid-address').textContent()).toBe('1');
    expect(await page.getByTestId('quality-duplicate-mobile').textContent()).toBe('2');
    expect(await page.getByTestId('quality-total').textContent()).toBe('3');
    await page.getByTestId('quality-card-mobile').waitFor();

    await page.getByTestId('quality-show-invalid-address').click();
    await page.waitForURL((url) => url.pathname === '/customers' && url.search.includes('filter'));
    await expect.poll(() => page.getByTestId('customers-table').textContent()).toContain('质量丙');
    const table = (await page.getByTestId('customers-table').textContent()) ?? '';
    expect(table).not.toContain('质量甲');
    expect(flagged.id).toBeGreaterThan(0);
    await page.close();
  });
});
