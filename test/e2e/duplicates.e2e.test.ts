import { describe, expect, it } from 'vitest';
import { api, login } from './support/browser.js';
import { E2E_ADMIN } from './support/relata-server.js';
import { useRelata } from './support/relata-session.js';

interface Pair {
  id: number;
  customerA: number;
  customerB: number;
}

describe('duplicate review in the browser', () => {
  const relata = useRelata();

  it('scans, shows the pair side by side with its reasons, and merges it into one customer', async () => {
    const { baseUrl } = relata.server;
    const create = (body: unknown) => api<{ id: number }>(baseUrl, relata.adminToken, 'POST', '/api/customers', body);
    // The same mobile in two formats, 张伟 ~ Zhang Wei: a strong suggestion. A third, unrelated customer.
    const a = await create({ name: '张伟', mobile: '13812345678', regionCode: '330100' });
    const b = await create({ name: 'Zhang Wei', mobile: '+86 138-1234-5678', regionCode: '330100', company: '云启科技' });
    await create({ name: '李娜', mobile: '13900001111' });

    const page = await relata.browser.newPage();
    await login(page, baseUrl, E2E_ADMIN.email, E2E_ADMIN.password);
    await page.getByTestId('nav-customer-duplicates').click();
    await page.getByTestId('duplicates-page').waitFor();
    await page.getByTestId('duplicates-scan').click();

    // The scan queued the pair; find its id to address its row.
    let pair: Pair | undefined;
    await expect
      .poll(async () => {
        const list = await api<{ items: Pair[] }>(baseUrl, relata.adminToken, 'GET', '/api/duplicates?status=pending');
        pair = list.items.find((p) => [p.customerA, p.customerB].sort().join() === [a.id, b.id].sort().join());
        return pair !== undefined;
      })
      .toBe(true);
    const id = pair!.id;
    await page.getByTestId(`duplicate-${id}`).waitFor();
    await expect.poll(() => page.getByTestId(`duplicate-${id}-reasons`).textContent()).toContain('手机号 一致');
    const sideA = (await page.getByTestId(`duplicate-${id}-a`).textContent()) ?? '';
    const sideB = (await page.getByTestId(`duplicate-${id}-b`).textContent()) ?? '';
    expect(`${sideA} ${sideB}`).toContain('张伟');
    expect(`${sideA} ${sideB}`).toContain('Zhang Wei');
    expect(`${sideA} ${sideB}`).toContain('云启科技');
    // The admin sees values in clear or masked as the API gives them, never more: the API's own answer.
    const shown = await api<{ mobile: string }>(baseUrl, relata.adminToken, 'GET', `/api/customers/${a.id}`);
    expect(`${sideA} ${sideB}`).toContain(shown.mobile);

    await page.getByTestId(`duplicate-${id}-accept`).click();
    await page.getByTestId(`duplicate-${id}-accept-ok`).click();
    await expect.poll(() => page.getByTestId(`duplicate-${id}`).count()).toBe(0);

    // One customer remains: the older one (a), holding the other's company.
    const found = await api<{ items: { id: number; company: string | null }[]; total: number }>(baseUrl, relata.adminToken, 'GET', '/api/customers?q=13812345678');
    expect(found.items.map((c) => c.id)).toEqual([a.id]);
    expect(found.items[0]?.company).toBe('云启科技');

    // The decided pair is listed under 已合并.
    await page.getByTestId('duplicates-status-accepted').click();
    await page.getByTestId(`duplicate-${id}`).waitFor();
    await page.close();
  }, 180_000);
});
