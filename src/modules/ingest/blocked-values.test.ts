import { describe, expect, it } from 'vitest';
import { isBlockedIdentifier } from './blocked-values.js';

describe('isBlockedIdentifier', () => {
  it.each([
    [null, true],
    [undefined, true],
    ['', true],
    ['  ', true],
    ['0', true],
    ['-1', true],
    ['anonymous', true],
    ['ANONYMOUS', true],
    ['undefined', true],
    ['null', true],
    ['0000000', true],
    ['00000000-0000-0000-0000-000000000000', true],
    ['u-42', false],
    ['10', false],
    ['user@example.com', false],
    ['0a', false],
  ])('%j → %s', (value, blocked) => {
    expect(isBlockedIdentifier(value)).toBe(blocked);
  });
});
