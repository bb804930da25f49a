import { describe, expect, it } from 'vitest';
import { loadConfig } from '../platform/config.js';
import { perProcessConfig } from './api-process.js';

describe('perProcessConfig', () => {
  const base = loadConfig({ RELATA_RATE_LIMIT_PER_MINUTE: '1000', RELATA_RATE_LIMIT_PER_IP_PER_MINUTE: '3001', RELATA_DB_POOL_SIZE: '20' });

  it('splits rate limits and connections between the processes, never below their floor', () => {
    const share = perProcessConfig(base, 3);
    expect(share.rateLimitPerMinute).toBe(334);
    expect(share.rateLimitPerIpPerMinute).toBe(1001);
    expect(share.dbPoolSize).toBe(7);
    expect(perProcessConfig(base, 16).dbPoolSize).toBe(4);
  });

  it('leaves one process whole', () => {
    expect(perProcessConfig(base, 1)).toEqual(base);
  });
});
