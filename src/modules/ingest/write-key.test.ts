import { describe, expect, it } from 'vitest';
import { writeKeyOf } from './write-key.js';

const basic = (raw: string) => `Basic ${Buffer.from(raw).toString('base64')}`;

describe('writeKeyOf', () => {
  it.each<[string, string | undefined, unknown, string | null]>([
    ['basic with empty password', basic('wk_abc:'), {}, 'wk_abc'],
    ['basic without colon', basic('wk_abc'), {}, 'wk_abc'],
    ['basic wins over body', basic('wk_a:'), { writeKey: 'wk_b' }, 'wk_a'],
    ['body writeKey', undefined, { writeKey: 'wk_b' }, 'wk_b'],
    ['empty basic user falls back to body', basic(':secret'), { writeKey: 'wk_b' }, 'wk_b'],
    ['bearer is not a write key', 'Bearer wk_abc', {}, null],
    ['nothing', undefined, undefined, null],
    ['writeKey not a string', undefined, { writeKey: 5 }, null],
  ])('%s', (_name, header, body, expected) => {
    expect(writeKeyOf(header, body)).toBe(expected);
  });
});
