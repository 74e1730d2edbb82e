/** Personal data rules: email addresses, phone numbers, payment card numbers (Luhn-checked). Pure. */
import type { Span } from './rules.ts';

export const PII_KINDS = ['email', 'phone', 'card'] as const;
export type PiiKind = (typeof PII_KINDS)[number];

/** True when the digits pass the Luhn checksum. */
export function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return digits.length > 0 && sum % 10 === 0;
}

/** Issuer prefixes of the major card networks (Visa, Mastercard, Amex, Discover, JCB, Diners, UnionPay). */
const CARD_PREFIX = /^(?:4|5[1-5]|2[2-7]|3[47]|6(?:011|5|4[4-9]|2)|35|3(?:0[0-5]|[68]))/;

const emailRule = (text: string): Span[] =>
  [
    ...text.matchAll(
      /(?<![\w.+-]|:\/\/)[A-Za-z0-9._%+-]{1,64}@(?:[A-Za-z0-9-]{1,63}\.)+[A-Za-z]{2,24}\b/g,
    ),
  ]
    .filter((m) => !/^git@/.test(m[0]))
    .map((m) => ({
      start: m.index ?? 0,
      end: (m.index ?? 0) + m[0].length,
      kind: 'email',
      rule: 'casebook/email',
    }));

const phoneRule = (text: string): Span[] => {
  const out: Span[] = [];
  const pattern =
    /(?<![\w.:/-])(?:\+\d{1,3}[ .-]?(?:\(\d{1,4}\)[ .-]?)?\d{1,4}(?:[ .-]\d{2,4}){1,4}|\(\d{3}\)[ .-]?\d{3}[ .-]\d{4}|\d{3}[.-]\d{3}[.-]\d{4})(?![\w.:/-]*\d)/g;
  for (const m of text.matchAll(pattern)) {
    const digits = m[0].replace(/\D/g, '');
    if (digits.length < 10 || digits.length > 15) continue;
    out.push({
      start: m.index ?? 0,
      end: (m.index ?? 0) + m[0].length,
      kind: 'phone',
      rule: 'casebook/phone',
    });
  }
  return out;
};

const cardRule = (text: string): Span[] => {
  const out: Span[] = [];
  for (const m of text.matchAll(/(?<![\w.-])\d(?:[ -]?\d){12,18}(?![\w.-]*\d)/g)) {
    const digits = m[0].replace(/\D/g, '');
    if (digits.length < 13 || digits.length > 19) continue;
    if (!CARD_PREFIX.test(digits) || !luhn(digits) || /^(\d)\1+$/.test(digits)) continue;
    out.push({
      start: m.index ?? 0,
      end: (m.index ?? 0) + m[0].length,
      kind: 'card',
      rule: 'casebook/card',
    });
  }
  return out;
};

const PII_RULES: Record<PiiKind, (text: string) => Span[]> = {
  email: emailRule,
  phone: phoneRule,
  card: cardRule,
};

/** Spans of the personal data kinds asked for. */
export const findPiiSpans = (text: string, kinds: readonly PiiKind[]): Span[] =>
  kinds.flatMap((kind) => PII_RULES[kind](text));
