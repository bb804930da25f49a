/**
 * Building a match schema for an arbitrary CSV: known febrl fields keep their febrl settings, other
 * fields get a comparator from their name and generic weights. Pure.
 */
import type { ComparatorKind } from './comparators.js';
import { FEBRL_SCHEMA } from './febrl.js';
import { type BlockingKey, type FieldSpec, fieldWeights, type MatchSchema } from './matcher.js';

/** Comparator kind guessed from a column name (date/dob/birth → date; id/phone/mobile/code/number → id). */
export function guessKind(field: string): ComparatorKind {
  const f = field.toLowerCase();
  if (/date|dob|birth/.test(f)) return 'date';
  if (/(^|_|-)(id|no)$|phone|mobile|tel|code|number|zip|postcode/.test(f)) return 'id';
  if (/state|gender|sex|country|province/.test(f)) return 'exact';
  return 'fuzzy';
}

/**
 * Schema for the given fields. Febrl fields reuse FEBRL_SCHEMA's specs and those of its blocking keys
 * that only use selected fields; other fields get m = 0.9, u = 0.01 and blocking keys of their own
 * (exact digits for ids and dates, Soundex for text). Default threshold: the febrl threshold, but
 * never more than half the sum of agreement weights.
 */
export function schemaForFields(fields: readonly string[]): MatchSchema {
  const selected = new Set(fields);
  const specs: FieldSpec[] = fields.map((field) => {
    const known = FEBRL_SCHEMA.fields.find((f) => f.field === field);
    if (known) return known.crossWith !== undefined && !selected.has(known.crossWith) ? { ...known, crossWith: undefined } : known;
    return { field, kind: guessKind(field), m: 0.9, u: 0.01 };
  });
  const keys: BlockingKey[] = FEBRL_SCHEMA.blockingKeys.filter((k) => k.parts.every((p) => selected.has(p.field)));
  for (const spec of specs) {
    if (FEBRL_SCHEMA.fields.some((f) => f.field === spec.field)) continue;
    if (spec.kind === 'fuzzy') keys.push({ name: `${spec.field}-soundex`, parts: [{ field: spec.field, transform: 'soundex' }] });
    else keys.push({ name: spec.field, parts: [{ field: spec.field, transform: spec.kind === 'exact' ? 'exact' : 'digits' }] });
  }
  if (keys.length === 0) for (const spec of specs) keys.push({ name: spec.field, parts: [{ field: spec.field, transform: 'exact' }] });
  const maxScore = specs.reduce((sum, s) => sum + fieldWeights(s).agree, 0);
  return { fields: specs, blockingKeys: keys, threshold: Math.min(FEBRL_SCHEMA.threshold, maxScore / 2) };
}
