import { describe, expect, it } from 'vitest';
import { api, choose, login } from './support/browser.js';
import { E2E_ADMIN } from './support/relata-server.js';
import { useRelata } from './support/relata-session.js';

describe('tags in the browser', () => {
  const relata = useRelata();

  it('creates a rule tag and a manual tag, tags a segment in bulk, and shows the tags on the 360 tab', async () => {
    const call = <T>(method: string, path: string, body?: unknown) => api<T>(relata.server.baseUrl, relata.adminToken, method, path, body);
    const first = await call<{ id: number }>('POST', '/api/customers', { name: '标签甲', level: 'A' });
    const second = await call<{ id: number }>('POST', '/api/customers', { name: '标签乙', level: 'B' });
    const segment = await call<{ id: number }>('POST', '/api/segments', { name: 'E2E 标签分群', kind: 'static', rule: { version: 1, rule: { field: 'level', op: 'eq', value: 'A' } } });

    const page = await relata.browser.newPage();
    await login(page, relata.server.baseUrl, E2E_ADMIN.email, E2E_ADMIN.password);
    await page.getByTestId('nav-tags').click();

    // A rule tag built in the visual rule builder (level = A), with the live count of matching customers.
    await page.getByTestId('tag-new').click();
    await page.getByTestId('tag-name').fill('E2E A级');
    await choose(page, 'tag-kind', 'rule');
    const liveCount = () => page.getByTestId('segment-live-count').textContent();
    await choose(page, 'condition-field', 'level');
    await choose(page, 'condition-op', 'eq');
    await choose(page, 'filter-value', 'A');
    await expect.poll(liveCount).toBe('1');
    await page.getByTestId('tag-save').click();
    await expect.poll(() => page.getByTestId('tag-count-E2E A级').textContent()).toBe('1');
    const ruleTagged = async (customerId: number) => (await call<{ tags: { tag: string }[] }>('GET', `/api/customers/${customerId}/360`)).tags.some((t) => t.tag === 'E2E A级');
    expect([await ruleTagged(first.id), await ruleTagged(second.id)]).toEqual([true, false]);

    // Editing it loads the saved rule back into the builder.
    await page.getByTestId('tag-edit-E2E A级').click();
    await expect.poll(liveCount).toBe('1');
    expect(await page.getByTestId('filter-value').textContent()).toContain('A');
    await page.getByTestId('tag-save').click();
    await expect.poll(() => page.getByTestId('condition-row').count()).toBe(0);

    await page.getByTestId('tag-new').click();
    await page.getByTestId('tag-name').fill('E2E 展会');
    await choose(page, 'tag-layer', 'behaviour');
    await page.getByTestId('tag-save').click();
    await page.getByTestId('tags-tab-behaviour').click();
    const manual = (await call<{ items: { id: number; name: string }[] }>('GET', '/api/tags/definitions')).items.find((d) => d.name === 'E2E 展会')!;
    await choose(page, `tag-bulk-${manual.id}`, String(segment.id));
    await expect.poll(() => page.getByTestId('tag-count-E2E 展会').textContent()).toBe('1');

    await page.goto(`${relata.server.baseUrl}/customers/${first.id}`);
    await page.getByTestId('tab-360').click();
    await expect.poll(() => page.getByTestId('customer-360-tags').textContent()).toContain('E2E 展会');
    expect(await page.getByTestId('customer-360-tags').textContent()).toContain('E2E A级');
    expect(await page.getByTestId('customer-360-segments').textContent()).toContain('E2E 标签分群');
    await page.close();
  });
});
