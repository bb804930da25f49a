import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseRule } from '../segments/index.js';
import { MODEL_SCORES, MODEL_TAG_PRESETS, modelTagRule } from './model-tag-mapping.js';

describe('model tag mapping', () => {
  it.each([
    ['churn_level', 'high', '高流失风险'],
    ['lead_grade', 'A', '优质线索'],
    ['rfm_segment', 'champions', '重要价值'],
    ['rfm_segment', 'lost', '已流失'],
  ])('%s = %s is the preset %s', (score, value, name) => {
    expect(MODEL_TAG_PRESETS.find((p) => p.score === score && p.value === value)?.name).toBe(name);
  });

  it('preset names are unique (they are tag names)', () => {
    expect(new Set(MODEL_TAG_PRESETS.map((p) => p.name)).size).toBe(MODEL_TAG_PRESETS.length);
  });

  it('every score/value pair becomes a valid segment rule testing exactly that value', () => {
    fc.assert(
      fc.property(fc.constantFrom(...MODEL_SCORES), fc.string({ minLength: 1, maxLength: 20 }), (score, value) => {
        const rule = parseRule(modelTagRule({ score, value }));
        expect(rule.rule).toEqual({ score, op: 'eq', value });
      }),
    );
  });
});
