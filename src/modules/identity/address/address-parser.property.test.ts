import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toFullWidth } from '../width-folding.js';
import { formatAddress, parseAddress } from './address-parser.js';
import { DIVISIONS, divisionPath, isMunicipality } from './divisions.js';

const RUNS = { seed: 2260, numRuns: 400 };
const ALL = [...DIVISIONS.values()];
const division = fc.constantFrom(...ALL);
const detail = fc.constantFrom('', '科技园科苑路15号', '建国路88号3栋201室', '人民路1号', '工业大道南段', 'A座1201', '幸福小区5号楼');
const noise = fc.constantFrom('', ' ', '中国', '，', '　');
// Division names (full and short), details, noise and digits in any order.
const piece = fc.oneof(
  division.map((d) => d.name),
  division.map((d) => d.shortName ?? ''),
  detail,
  noise,
  fc.constantFrom('13812345678', '518057', '邮编100000', '路', '区'),
);
const pieces = fc.array(piece, { maxLength: 6 }).map((parts) => parts.join(''));
const FIELDS = ['province', 'provinceCode', 'city', 'cityCode', 'district', 'districtCode', 'code', 'detail'] as const;
const fields = (p: ReturnType<typeof parseAddress>) => Object.fromEntries(FIELDS.map((f) => [f, p[f]]));

describe('parseAddress properties', () => {
  it('parsing the formatted output gives the same result (any text)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 40 }), pieces), (text) => {
        const once = parseAddress(text);
        expect(fields(parseAddress(formatAddress(once)))).toEqual(fields(once));
      }),
      RUNS,
    );
  });

  it('parsing the formatted output gives the same result (addresses built from the table)', () => {
    fc.assert(
      fc.property(division, detail, noise, (d, rest, prefix) => {
        const once = parseAddress(prefix + divisionPath(d.code).map((p) => p.name).join('') + rest);
        expect(fields(parseAddress(formatAddress(once)))).toEqual(fields(once));
      }),
      RUNS,
    );
  });

  it('every division written with its full path is found, with the detail intact', () => {
    fc.assert(
      fc.property(division, detail, (d, rest) => {
        const parsed = parseAddress(divisionPath(d.code).map((p) => p.name).join('') + rest);
        expect(parsed.code).toBe(d.code);
        expect(parsed.detail).toBe(rest);
      }),
      RUNS,
    );
  });

  it("the code's prefix matches its parents' codes", () => {
    fc.assert(
      fc.property(division, detail, fc.boolean(), (d, rest, wide) => {
        const text = d.name + rest;
        const parsed = parseAddress(wide ? toFullWidth(text) : text);
        if (!parsed.code) return;
        expect(parsed.provinceCode).toBe(`${parsed.code.slice(0, 2)}0000`);
        if (parsed.cityCode && !isMunicipality(parsed.code)) expect(parsed.code.startsWith(parsed.cityCode.slice(0, 4))).toBe(true);
        if (parsed.districtCode) expect(parsed.code).toBe(parsed.districtCode);
        expect(parsed.confidence).toBeGreaterThan(0);
        expect(parsed.confidence).toBeLessThanOrEqual(1);
      }),
      RUNS,
    );
  });

  it('full-width input parses like half-width input', () => {
    fc.assert(
      fc.property(division, detail, (d, rest) => {
        const text = divisionPath(d.code).map((p) => p.name).join('') + rest;
        expect(fields(parseAddress(toFullWidth(text)))).toEqual(fields(parseAddress(text)));
      }),
      RUNS,
    );
  });
});
