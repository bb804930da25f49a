import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { api, login } from './support/browser.js';
import { E2E_ADMIN } from './support/relata-server.js';
import { useRelata } from './support/relata-session.js';

/** antd Select inside one condition row: open it, click the visible option (closed dropdowns stay in the DOM). */
async function pick(page: Page, row: number, testId: string, value: string): Promise<void> {
  await page.getByTestId('condition-row').nth(row).getByTestId(testId).click();
  await page.locator(`[data-testid="${testId}-option-${value}"]:visible`).click();
}

describe('segment builder in the browser', () => {
  const relata = useRelata();
  const call = <T>(method: string, url: string, body?: unknown) => api<T>(relata.server.baseUrl, relata.adminToken, method, url, body);

  it('builds a rule with a live count, saves a dynamic segment, opens its members, which follow the data', async () => {
    const ids: Record<string, number> = {};
    for (const [name, level] of [['分群甲', 'A'], ['分群乙', 'A'], ['分群丙', 'B']] as const) {
      ids[name] = (await call<{ id: number }>('POST', '/api/customers', { name, level })).id;
    }
    await call('POST', '/api/tags/e2e-vip/customers', { customerIds: [ids['分群甲']] });

    const page = await relata.browser.newPage();
    await login(page, relata.server.baseUrl, E2E_ADMIN.email, E2E_ADMIN.password);
    await page.getByTestId('nav-segments').click();
    await page.getByTestId('segment-new').click();
    const count = () => page.getByTestId('segment-live-count').textContent();

    // Level = A: two customers.
    await pick(page, 0, 'condition-field', 'level');
    await pick(page, 0, 'condition-op', 'eq');
    await page.getByTestId('condition-row').nth(0).getByTestId('filter-value').click();
    await page.locator('[data-testid="filter-value-option-A"]:visible').click();
    await expect.poll(count, { timeout: 10_000 }).toBe('2');

    // … AND tagged e2e-vip: one; then NOT tagged: the other one.
    await page.getByTestId('add-condition-0').click();
    await pick(page, 1, 'condition-kind', 'tag');
    await page.getByTestId('condition-row').nth(1).getByTestId('condition-tag').locator('input').fill('e2e-vip');
    await expect.poll(count, { timeout: 10_000 }).toBe('1');
    await expect.poll(() => page.getByTestId('segment-preview').textContent()).toContain('分群甲');
    await page.getByTestId('condition-not').nth(1).click();
    await expect.poll(() => page.getByTestId('segment-preview').textContent(), { timeout: 10_000 }).toContain('分群乙');
    expect(await count()).toBe('1');

    await page.getByTestId('segment-name').fill('E2E A 级非 VIP');
    await page.getByTestId('segment-kind-dynamic').click();
    await page.getByTestId('segment-save').click();
    await page.waitForURL(/\/segments\/\d+$/);
    const segmentId = Number(new URL(page.url()).pathname.split('/').at(-1));
    await expect.poll(() => page.getByTestId('segment-members').textContent()).toContain('分群乙');

    // The list shows it with its member count; opening it shows the members again.
    await page.getByTestId('nav-segments').click();
    await expect.poll(() => page.getByTestId(`segment-count-${segmentId}`).textContent()).toBe('1');
    await page.getByTestId(`segment-link-${segmentId}`).click();
    await expect.poll(() => page.getByTestId('segment-members').textContent()).toContain('分群乙');

    // A change of the data moves a customer in through the worker (outbox → subscription).
    await call('PATCH', `/api/customers/${ids['分群丙']}`, { level: 'A' });
    await expect.poll(async () => (await call<{ memberCount: number }>('GET', `/api/segments/${segmentId}`)).memberCount, { timeout: 15_000 }).toBe(2);
    await page.reload();
    // A full reload (chunks, session, three queries) on a loaded machine: more patience than a poll.
    await expect.poll(() => page.getByTestId('segment-members').textContent(), { timeout: 30_000 }).toContain('分群丙');
    await page.close();
  });
});
