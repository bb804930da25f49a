import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { api, login } from './support/browser.js';
import { E2E_ADMIN } from './support/relata-server.js';
import { useRelata } from './support/relata-session.js';

describe('consent and personal-data rights in the 360 view', () => {
  const relata = useRelata();

  it('records a consent in the grid, exports the person as JSON and erases them', async () => {
    const { baseUrl } = relata.server;
    const name = '隐私测试客户';
    const customer = await api<{ id: number }>(baseUrl, relata.adminToken, 'POST', '/api/customers', { name, mobile: '13700001234', email: 'privacy.e2e@example.com' });

    const page = await relata.browser.newPage();
    await login(page, baseUrl, E2E_ADMIN.email, E2E_ADMIN.password);
    await page.goto(`${baseUrl}/customers/${customer.id}`);
    await page.getByTestId('tab-360').click();
    const cell = page.getByTestId('consent-marketing-email');
    await expect.poll(() => cell.textContent()).toContain('未授权');

    // Grant marketing by e-mail with evidence (defaults of the form: marketing, e-mail, grant).
    await page.getByTestId('consent-record').click();
    await page.getByTestId('consent-form-evidence').fill('电话确认 2026-06-01');
    await page.getByTestId('consent-form-submit').click();
    await expect.poll(() => cell.getAttribute('data-status')).toBe('granted');
    const text = (await cell.textContent()) ?? '';
    expect(text).toContain('已同意');
    expect(text).toContain('界面');
    expect(text).toContain('电话确认 2026-06-01');
    // Other channels stay without consent; the ledger says source ui.
    expect(await page.getByTestId('consent-marketing-sms').textContent()).toContain('未授权');
    const ledger = await api<{ history: { source: string; evidence: unknown }[] }>(baseUrl, relata.adminToken, 'GET', `/api/customers/${customer.id}/consents`);
    expect(ledger.history).toEqual([expect.objectContaining({ source: 'ui', evidence: { note: '电话确认 2026-06-01' } })]);

    // Export downloads the machine-readable file of this person.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('privacy-export').click()]);
    expect(download.suggestedFilename()).toBe(`personal-data-${customer.id}.json`);
    const file = await download.path();
    const document = JSON.parse(fs.readFileSync(file, 'utf8'));
    expect(document).toMatchObject({ format: 'relata.personal-data/v1', customerId: customer.id, profile: { name } });
    expect(JSON.stringify(document)).toContain('privacy.e2e@example.com');
    expect(document.consents).toEqual([expect.objectContaining({ purpose: 'marketing', channel: 'email', status: 'granted' })]);

    // Erase: the confirm button stays disabled until the name is typed and a reason given.
    await page.getByTestId('privacy-erase').click();
    const confirm = page.getByTestId('privacy-erase-confirm');
    await page.getByTestId('privacy-erase-name').fill('别的名字');
    await page.getByTestId('privacy-erase-reason').fill('用户申请删除 #7');
    expect(await confirm.isDisabled()).toBe(true);
    await page.getByTestId('privacy-erase-name').fill(name);
    await confirm.click();
    await expect.poll(() => page.getByTestId('customer-detail-title').textContent()).toBe('已删除用户');
    await expect.poll(() => cell.getAttribute('data-status')).toBe('withdrawn');
    expect(await page.locator('body').textContent()).not.toContain(name);
    // Read again from the server: the profile is anonymous for good.
    await page.goto(`${baseUrl}/customers/${customer.id}`);
    await page.getByTestId('customer-detail-title').waitFor().catch(async (error) => {
      await page.screenshot({ path: '/tmp/privacy-e2e-failure.png' });
      throw error;
    });
    expect(await page.getByTestId('customer-detail-title').textContent()).toBe('已删除用户');
    expect(await page.locator('body').textContent()).not.toContain(name);
    await page.close();
  }, 180_000);
});
