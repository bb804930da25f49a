import { describe, expect, it } from 'vitest';
import { api, login, track } from './support/browser.js';
import { E2E_ADMIN } from './support/relata-server.js';
import { useRelata } from './support/relata-session.js';

describe('customer merge in the browser', () => {
  const relata = useRelata();

  it('merges two customers with a preview, shows the identifiers combined, and undoes the merge', async () => {
    const { baseUrl } = relata.server;
    const call = <T>(method: string, url: string, body?: unknown) => api<T>(baseUrl, relata.adminToken, method, url, body);
    const source = await call<{ writeKey: string }>('POST', '/api/sources', { name: 'e2e-merge' });
    await track(baseUrl, source.writeKey, 'identify', { userId: 'e2e-merge-a', messageId: 'mg-1', traits: { name: '合并甲' } });
    await new Promise((r) => setTimeout(r, 20));
    await track(baseUrl, source.writeKey, 'page', { anonymousId: 'e2e-merge-b', messageId: 'mg-2', name: 'Home' });
    const a = await call<{ id: number }>('GET', '/api/customers/lookup?type=userId&value=e2e-merge-a');
    const b = await call<{ id: number }>('GET', '/api/customers/lookup?type=anonymousId&value=e2e-merge-b');
    await call('PATCH', `/api/customers/${b.id}`, { name: '合并乙', company: '乙公司' });

    const page = await relata.browser.newPage();
    await login(page, baseUrl, E2E_ADMIN.email, E2E_ADMIN.password);
    await page.goto(`${baseUrl}/customers/${a.id}`);
    await page.getByTestId('customer-merge').click();
    await page.getByTestId('merge-search').click();
    const searched = page.waitForResponse((res) => res.url().includes('/api/customers?') && res.url().includes('q='));
    await page.keyboard.type('合并乙');
    const answer = await searched;
    // The body is read only on failure: the browser may drop it once the page re-renders.
    expect(answer.status(), answer.status() === 200 ? '' : await answer.text().catch(() => '')).toBe(200);
    await page.getByTestId(`merge-search-option-${b.id}`).click();
    await page.getByTestId('merge-preview').waitFor();
    await expect.poll(() => page.getByTestId('merge-result-company').textContent()).toBe('乙公司');
    await expect.poll(() => page.getByTestId('merge-result-name').textContent()).toBe('合并甲');
    await page.getByTestId('merge-confirm').click();

    // A is older: it stays master and now holds both customers' identifiers.
    await page.getByTestId('tab-360').click();
    await expect.poll(() => page.getByTestId('customer-360-identifiers').textContent()).toContain('e2e-merge-b');
    expect(await page.getByTestId('customer-360-identifiers').textContent()).toContain('e2e-merge-a');
    expect((await fetch(`${baseUrl}/api/customers/${b.id}`, { headers: { authorization: `Bearer ${relata.adminToken}` } })).status).toBe(404);

    await page.getByTestId('tab-merges').click();
    await page.locator('[data-testid^="merge-undo-"]').first().click();
    await page.locator('[data-testid^="merge-undo-confirm-"]').first().click();
    await expect.poll(() => page.getByTestId('merge-history').textContent()).toContain('已撤销');

    await page.getByTestId('tab-360').click();
    await expect.poll(() => page.getByTestId('customer-360-identifiers').textContent()).not.toContain('e2e-merge-b');
    const restored = await call<{ id: number; name: string; company: string }>('GET', `/api/customers/${b.id}`);
    expect(restored).toMatchObject({ id: b.id, name: '合并乙', company: '乙公司' });
    await page.goto(`${baseUrl}/customers/${b.id}`);
    await page.getByTestId('tab-360').click();
    await expect.poll(() => page.getByTestId('customer-360-identifiers').textContent()).toContain('e2e-merge-b');
    await page.close();
  });

  it('edits the identity rules on the admin page: a limit and a custom type, saved and applied', async () => {
    const { baseUrl } = relata.server;
    const page = await relata.browser.newPage();
    await login(page, baseUrl, E2E_ADMIN.email, E2E_ADMIN.password);
    await page.goto(`${baseUrl}/settings/identity-rules`);
    await page.getByTestId('identity-rules-table').waitFor();
    const limit = page.getByTestId('identity-rule-limit-email');
    const input = (await limit.evaluate((el) => el.tagName)) === 'INPUT' ? limit : limit.locator('input');
    await input.fill('2');
    await page.getByTestId('identity-rule-new-type').fill('memberNo');
    await page.getByTestId('identity-rule-add').click();
    await page.getByTestId('identity-rule-limit-memberNo').waitFor();
    await page.getByTestId('identity-rules-save').click();
    const read = () => api<{ rules: { type: string; maxPerCustomer: number | null; builtin: boolean }[] }>(baseUrl, relata.adminToken, 'GET', '/api/identity/rules');
    await expect.poll(async () => (await read()).rules.find((r) => r.type === 'email')?.maxPerCustomer).toBe(2);
    expect((await read()).rules.find((r) => r.type === 'memberNo')).toMatchObject({ builtin: false, maxPerCustomer: 1 });
    await page.close();
  });
});
