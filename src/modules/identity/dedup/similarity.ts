/**
 * String similarity measures written for the dedup matcher. Pure functions; every score is in [0, 1],
 * symmetric, and 1 for identical strings (two empty strings included).
 */

let scratchA = new Uint8Array(64);
let scratchB = new Uint8Array(64);

/** Jaro similarity (matching window = floor(max(len)/2) − 1). */
export function jaro(a: string, b: string): number {
  if (a === b) return 1;
  const la = a.length;
  const lb = b.length;
  if (la === 0 || lb === 0) return 0;
  const window = Math.max(0, Math.floor(Math.max(la, lb) / 2) - 1);
  // Reused scratch buffers: the matcher calls this millions of times.
  if (scratchA.length < la) scratchA = new Uint8Array(la * 2);
  if (scratchB.length < lb) scratchB = new Uint8Array(lb * 2);
  const aMatched = scratchA.fill(0, 0, la);
  const bMatched = scratchB.fill(0, 0, lb);
  let matches = 0;
  for (let i = 0; i < la; i++) {
    const lo = Math.max(0, i - window);
    const hi = Math.min(lb - 1, i + window);
    for (let j = lo; j <= hi; j++) {
      if (bMatched[j] === 1 || a.charCodeAt(i) !== b.charCodeAt(j)) continue;
      aMatched[i] = 1;
      bMatched[j] = 1;
      matches++;
      break;
    }
  }
  if (matches === 0) return 0;
  let transpositions = 0;
  let k = 0;
  for (let i = 0; i < la; i++) {
    if (aMatched[i] !== 1) continue;
    while (bMatched[k] !== 1) k++;
    if (a.charCodeAt(i) !== b.charCodeAt(k)) transpositions++;
    k++;
  }
  const t = transpositions / 2;
  return (matches / la + matches / lb + (matches - t) / matches) / 3;
}

/**
 * Jaro-Winkler: Jaro plus a bonus for a common prefix of up to 4 characters (scale p = 0.1).
 * MARTHA/MARHTA ≈ 0.961, DWAYNE/DUANE = 0.84, DIXON/DICKSONX ≈ 0.813.
 */
export function jaroWinkler(a: string, b: string, prefixScale = 0.1): number {
  const j = jaro(a, b);
  if (j === 1 || j === 0) return j;
  let prefix = 0;
  const max = Math.min(4, a.length, b.length);
  while (prefix < max && a.charCodeAt(prefix) === b.charCodeAt(prefix)) prefix++;
  return Math.min(1, j + prefix * prefixScale * (1 - j));
}

/** Levenshtein edit distance (insert, delete, substitute; cost 1 each). Two-row dynamic programme. */
export function levenshtein(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  let prev = new Array<number>(b.length + 1);
  let curr = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    curr[0] = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const cost = ca === b.charCodeAt(j - 1) ? 0 : 1;
      curr[j] = Math.min(prev[j]! + 1, curr[j - 1]! + 1, prev[j - 1]! + cost);
    }
    [prev, curr] = [curr, prev];
  }
  return prev[b.length]!;
}

/** 1 − levenshtein / max(len). */
export function normalizedLevenshtein(a: string, b: string): number {
  if (a === b) return 1;
  const max = Math.max(a.length, b.length);
  return 1 - levenshtein(a, b) / max;
}

function tokens(s: string): string[] {
  return s.split(/[^\p{L}\p{N}]+/u).filter((t) => t.length > 0);
}

/** Jaccard similarity of the sets of word tokens (split on anything that is not a letter or digit). */
export function tokenJaccard(a: string, b: string): number {
  if (a === b) return 1;
  const ta = new Set(tokens(a));
  const tb = new Set(tokens(b));
  if (ta.size === 0 && tb.size === 0) return a === b ? 1 : 0;
  let inter = 0;
  for (const t of ta) if (tb.has(t)) inter++;
  return inter / (ta.size + tb.size - inter);
}

/**
 * Best of Jaro-Winkler on the raw strings and on their tokens sorted and re-joined, so that swapped
 * words ("street tullaroop" / "tullaroop street") and missing spaces still score high.
 */
export function tokenSortJaroWinkler(a: string, b: string): number {
  if (a === b) return 1;
  const direct = jaroWinkler(a, b);
  const sa = tokens(a).sort().join(' ');
  const sb = tokens(b).sort().join(' ');
  const sorted = sa === sb ? 1 : jaroWinkler(sa, sb);
  const joined = jaroWinkler(tokens(a).join(''), tokens(b).join(''));
  return Math.max(direct, sorted, joined);
}

const SOUNDEX: Record<string, string> = {
  b: '1', f: '1', p: '1', v: '1',
  c: '2', g: '2', j: '2', k: '2', q: '2', s: '2', x: '2', z: '2',
  d: '3', t: '3',
  l: '4',
  m: '5', n: '5',
  r: '6',
};

/** American Soundex (letter + 3 digits) of the ASCII letters of `s`; '' when there are none. */
export function soundex(s: string): string {
  const letters = s.toLowerCase().replace(/[^a-z]/g, '');
  const first = letters[0];
  if (first === undefined) return '';
  let out = first.toUpperCase();
  let last = SOUNDEX[first] ?? '';
  for (let i = 1; i < letters.length && out.length < 4; i++) {
    const ch = letters[i]!;
    const code = SOUNDEX[ch];
    if (code === undefined) {
      if (ch !== 'h' && ch !== 'w') last = ''; // vowels separate equal codes, h and w do not
      continue;
    }
    if (code !== last) out += code;
    last = code;
  }
  return out.padEnd(4, '0');
}
