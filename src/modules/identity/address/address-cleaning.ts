/**
 * Noise removal before an address is matched against the division table (pure): width and
 * traditional folding, a phone number or postcode typed into the address, a leading 中国, and
 * separators. `cleanAddressText(cleaned.text)` changes nothing (idempotent).
 */
import { normalizePhone } from '../phone-normalizer.js';
import { toHalfWidth, toSimplified } from '../width-folding.js';

export interface CleanedAddress {
  text: string;
  /** The phone number found in the text (E.164 or as typed when not valid), removed from `text`. */
  phone: string | null;
  postcode: string | null;
}

const PHONE_LABEL = String.raw`(?:(?:联系)?(?:电话|手机|tel|mobile|phone)[:\s]*)?`;
const MOBILE = new RegExp(`${PHONE_LABEL}(?<![\\d+])(?:(?:\\+|00)?86[-\\s]?)?1[3-9]\\d[-\\s]?\\d{4}[-\\s]?\\d{4}(?!\\d)`, 'i');
const LANDLINE = new RegExp(`${PHONE_LABEL}(?<!\\d)\\(?0\\d{2,3}\\)?-\\d{7,8}(?:-\\d{1,6})?(?!\\d)`, 'i');
const POSTCODE_LABELLED = /(?:邮编|邮政编码|postcode|zip)[:\s]*(\d{6})(?!\d)/i;
const POSTCODE_EDGE = /^(\d{6})(?=\D|$)|(?<=\D|^)(\d{6})$/;
const COUNTRY = /^(?:(?:中华人民共和国|中国大陆|中国|china|prc)[\s,，、]*)+/i;
const CJK = String.raw`[\u3400-\u9fff]`;
const SPACE_NEXT_TO_CJK = new RegExp(`\\s+(?=${CJK})|(?<=${CJK})\\s+`, 'g');
/** Characters that only separate parts of an address. */
export const ADDRESS_SEPARATORS = /^[\s,，、;；:：|]+/;

/** Removes every phone number (a second contact number is noise too); returns the first. */
function takePhones(input: string): { text: string; phone: string | null } {
  let text = input;
  let first: string | null = null;
  for (let match = MOBILE.exec(text) ?? LANDLINE.exec(text); match; match = MOBILE.exec(text) ?? LANDLINE.exec(text)) {
    const digits = match[0].replace(/^[^\d+(]*/, '');
    const phone = normalizePhone(digits);
    first ??= phone.valid && phone.value ? phone.value : digits;
    text = `${text.slice(0, match.index)} ${text.slice(match.index + match[0].length)}`;
  }
  return { text, phone: first };
}

function takePostcode(text: string): { text: string; postcode: string | null } {
  const labelled = POSTCODE_LABELLED.exec(text);
  if (labelled) return { text: `${text.slice(0, labelled.index)} ${text.slice(labelled.index + labelled[0].length)}`, postcode: labelled[1]! };
  const trimmed = text.trim();
  const edge = POSTCODE_EDGE.exec(trimmed);
  if (!edge) return { text, postcode: null };
  return { text: trimmed.replace(POSTCODE_EDGE, ' '), postcode: (edge[1] ?? edge[2])! };
}

/** Collapses separators to one space, then drops spaces next to a Chinese character. */
function tidy(text: string): string {
  let out = text.replace(/[\s,，、;；|]+/g, ' ').trim();
  out = out.replace(COUNTRY, '').replace(ADDRESS_SEPARATORS, '');
  return out.replace(SPACE_NEXT_TO_CJK, '').trim();
}

export function cleanAddressText(input: string): CleanedAddress {
  const withoutPhone = takePhones(toSimplified(toHalfWidth(input)));
  let text = tidy(withoutPhone.text);
  let postcode: string | null = null;
  // Repeat: cutting a phone or postcode out can bring another 6-digit run to an edge.
  for (let found = takePostcode(text); found.postcode; found = takePostcode(text)) {
    postcode ??= found.postcode;
    text = tidy(found.text);
  }
  return { text, phone: withoutPhone.phone, postcode };
}
