import { describe, expect, it } from 'vitest';
import { api, login, track } from './support/browser.js';
import { E2E_ADMIN } from './support/relata-server.js';
import { useRelata } from './support/relata-session.js';

describe('customer 360 in the browser', () => {
  const relata = useRelata();

  it('lists tracked events on the timeline tab and shows identifiers on the 360 tab', async () => {
    const source = await api<{ writeKey: string }>(relata.server.baseUrl, relata.adminToken, 'POST', '/api/sources', { name: 'e2e-web' });
    // identify creates the customer (and links the userId); the track events land on it.
    await track(relata.server.baseUrl, source.writeKey, 'identify', { userId: 'e2e-360-user', messageId: 'm-1', traits: { name: '时间线客户' } });
    await track(relata.server.baseUrl, source.writeKey, 'track', { userId: 'e2e-360-user', messageId: 'm-2', event: 'Viewed Product', timestamp: '2026-01-02T03:04:05Z' });
    await track(relata.server.baseUrl, source.writeKey, 'track', { userId: 'e2e-360-user', messageId: 'm-3', event: 'Added To Cart', timestamp: '2026-01-02T03:05:05Z' });
    const customer = await api<{ id: number }>(relata.server.baseUrl, relata.adminToken, 'GET', '/api/customers/lookup?type=userId&value=e2e-360-user');

    const probe = await fetch(`${relata.server.baseUrl}/api/customers/${customer.id}/timeline`, { headers: { authorization: `Bearer ${relata.adminToken}` } });
    expect(probe.status).toBe(200);

    const page = await relata.browser.newPage();
    await login(page, relata.server.baseUrl, E2E_ADMIN.email, E2E_ADMIN.password);
    await page.goto(`${relata.server.baseUrl}/customers/${customer.id}`);
    // The basic tab stays the default: the existing detail test ids are there at once.
    await expect.poll(() => page.getByTestId('customer-detail-name').textContent()).toContain('时间线客户');

    await page.getByTestId('tab-timeline').click();
    await page.getByTestId('timeline-item-0').waitFor();
    await expect.poll(() => page.getByTestId('timeline-list').textContent()).toContain('Added To Cart');
    const text = (await page.getByTestId('timeline-list').textContent()) ?? '';
    expect(text).toContain('Viewed Product');
    expect(text.indexOf('Added To Cart')).toBeLessThan(text.indexOf('Viewed Product')); // newest first

    // Filtering by kind: without events only the profile changes are left.
    await page.getByTestId('timeline-filter-event').click();
    await expect.poll(() => page.getByTestId('timeline-list').textContent()).not.toContain('Viewed Product');

    await page.getByTestId('tab-360').click();
    await expect.poll(() => page.getByTestId('customer-360-identifiers').textContent()).toContain('e2e-360-user');
    await page.close();
  });
});
