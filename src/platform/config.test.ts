import { describe, expect, it } from 'vitest';
import { AUTO_API_PROCESSES_MAX, apiProcessesFrom, loadConfig } from './config.js';

describe('apiProcessesFrom', () => {
  it('gives one process per core for auto or nothing, capped', () => {
    for (const value of [undefined, '', ' auto ', 'auto']) {
      expect(apiProcessesFrom(value, 1)).toBe(1);
      expect(apiProcessesFrom(value, 2)).toBe(2);
      expect(apiProcessesFrom(value, 64)).toBe(AUTO_API_PROCESSES_MAX);
    }
  });

  it('takes a whole number as given', () => {
    expect(apiProcessesFrom('1', 8)).toBe(1);
    expect(apiProcessesFrom('6', 2)).toBe(6);
  });

  it('refuses anything else with a message naming the setting', () => {
    for (const value of ['0', '-1', '1.5', 'two', '65', 'true']) expect(() => apiProcessesFrom(value, 2)).toThrow(/RELATA_API_PROCESSES/);
  });

  it('is read by loadConfig', () => {
    expect(loadConfig({ RELATA_API_PROCESSES: '3' }).apiProcesses).toBe(3);
  });
});
