import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findNul } from './nul-guard.js';

describe('findNul', () => {
  it('names the first string or key holding U+0000', () => {
    expect(findNul({ batch: [{ event: 'ok' }, { properties: { note: 'a\u0000b' } }] }, '')).toBe('batch.1.properties.note');
    expect(findNul({ traits: { 'bad\u0000key': 1 } }, '')).toBe('traits.bad\u0000key');
    expect(findNul({ q: 'x' }, 'query')).toBeNull();
    expect(findNul('\u0000', 'query')).toBe('query');
  });

  it('finds a NUL exactly when some string or key holds one', () => {
    const text = fc.string({ unit: fc.constantFrom('a', 'b', '\u0000', '中') });
    const { tree } = fc.letrec((tie) => ({ tree: fc.oneof({ depthSize: 'small' }, text, fc.integer(), fc.constant(null), fc.array(tie('tree'), { maxLength: 3 }), fc.dictionary(text, tie('tree'), { maxKeys: 3 })) }));
    fc.assert(
      fc.property(tree, (value) => {
        expect(findNul(value, '') !== null).toBe(JSON.stringify(value).includes('\\u0000'));
      }),
    );
  });
});
