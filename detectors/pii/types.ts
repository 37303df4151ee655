/** PII types of DESIGN's vocabulary; `fineType` adds country detail (`DE_TAX_ID`, `UK_NHS`…). */
export const PiiType = {
  EMAIL: 'EMAIL',
  CREDIT_CARD: 'CREDIT_CARD',
  IBAN: 'IBAN',
  PHONE: 'PHONE',
  IP_ADDRESS: 'IP_ADDRESS',
  MAC_ADDRESS: 'MAC_ADDRESS',
  POSTCODE: 'POSTCODE',
  UK_NINO: 'UK_NINO',
  US_SSN: 'US_SSN',
  US_ITIN: 'US_ITIN',
  NATIONAL_ID: 'NATIONAL_ID',
  TAX_ID: 'TAX_ID',
  HEALTH_ID: 'HEALTH_ID',
  PASSPORT: 'PASSPORT',
  DRIVER_LICENSE: 'DRIVER_LICENSE',
  BANK_ACCOUNT: 'BANK_ACCOUNT',
  BANK_ROUTING: 'BANK_ROUTING',
  CRYPTO_WALLET: 'CRYPTO_WALLET',
  DATE_OF_BIRTH: 'DATE_OF_BIRTH',
  PERSON_NAME: 'PERSON_NAME',
  STREET_ADDRESS: 'STREET_ADDRESS',
  CREDENTIAL: 'CREDENTIAL',
} as const;
export type PiiType = (typeof PiiType)[keyof typeof PiiType];

/**
 * One finding as it leaves the detector: never the value, only where it was, how sure we are and a
 * keyed fingerprint so distinct values can be counted (Art. 33(3)(a)).
 */
export interface Detection {
  type: PiiType;
  fineType: string;
  /** Byte offsets into the original input; for decoded layers, the encoded block that holds the value. */
  start: number;
  end: number;
  /** A checksum, a parser or a decoder confirmed the value (not just its shape). */
  validated: boolean;
  /** 0–1; context words and field names raise it. */
  confidence: number;
  /** HMAC-SHA256 (hex) of the normalized value under the configured key. */
  fingerprint: string;
}

/** What a validator says about a regex match: `false` rejects it; an object may refine it. */
export type Verdict =
  | false
  | {
      fineType?: string;
      /** The value used for the fingerprint; defaults to the match without separators, upper-cased. */
      normalized?: string;
      /** Whether a checksum/parser confirmed it; defaults to true when a validator exists. */
      validated?: boolean;
      /** Overrides the recognizer's `requiresContext` for this value (e.g. a spaced card number). */
      requiresContext?: boolean;
      /** Keeps only the first `trimTo` characters of the match (a trailing group that overshot). */
      trimTo?: number;
    };

/** A negative example and why it must not match (gitleaks style: "checksum fails", "wrong length"). */
export interface NoMatchExample {
  text: string;
  why: string;
}

/** Character counts of a candidate window, computed in the one pass that finds it; gates read them. */
export interface WindowFeatures {
  len: number;
  digits: number;
  letters: number;
  upper: number;
  /** Longest run of consecutive digits. */
  maxRun: number;
  /** Longest run of consecutive letters and digits (a 9-character document number needs 9). */
  maxAlnum: number;
  dots: number;
  colons: number;
  dashes: number;
  slashes: number;
  spaces: number;
  plus: number;
  paren: number;
  at: number;
  percent: number;
  backslash: number;
  /** Two upper-case letters followed by two digits somewhere (IBAN / country-code shapes). */
  uuDD: boolean;
  /**
   * Lengths of the maximal digit runs, as a bit set (`hasRun`): a value bounded by non-digits, such as a
   * 9-digit SSN, needs its exact run length here. Bit k for length k ≤ 30, bit 0 for any run ≥ 31.
   */
  digitRuns: number;
  /** Lengths of the maximal runs of letters and digits, as `digitRuns` (a 16-character codice fiscale). */
  alnumRuns: number;
  /**
   * The digit runs followed by another byte of the window, as `digitRuns`: "811218-9876" holds 6 and
   * "ORD-2024-481917" only 4, so an identifier whose digits are followed by a separator or a letter is
   * told from an order number ending in digits without a regex.
   */
  innerDigitRuns: number;
}

/** True when the run set `runs` (`digitRuns`, `alnumRuns`) holds a run of exactly `length` (≥ 31: any long run). */
export function hasRun(runs: number, length: number): boolean {
  return (runs & (length >= 31 ? 1 : 1 << length)) !== 0;
}

/** True when `runs` holds a run whose length is within `[min, max]` (`max` ≥ 31 includes every long run). */
export function hasRunIn(runs: number, min: number, max: number): boolean {
  for (let k = min; k <= Math.min(max, 31); k++) if (hasRun(runs, k)) return true;
  return false;
}

/**
 * A context word. A string counts at any word start: `card` in `card_number`, `cardholder` and `billingCard`.
 * `{ alone }` counts only as a word of its own, not as a later part of a key: `number` in "my number is" and
 * `"number":`, not in `order_number` or `trackingNumber` (where the first part says what the number is).
 * `{ whole }` counts only where the word ends too: `sin` in "SIN:", `customer_sin` and `sinNumber`, not in
 * "since" or "SINGLE" (short abbreviations that begin many ordinary words). `notAfter` words bar an `alone` word after
 * them too, one space or more apart, as a key's first part does: `number` not in "order number" or "NHS number".
 */
export type ContextWord =
  | string
  | { readonly alone: string; readonly notAfter?: readonly string[] }
  | { readonly whole: string };

/** The text of a context word. */
export function contextText(word: ContextWord): string {
  return typeof word === 'string' ? word : 'alone' in word ? word.alone : word.whole;
}

/** Gate outcome: reject the window, run the recognizer, or run it only if a context word is near. */
export const Gate = { NO: 0, YES: 1, CONTEXT: 2 } as const;
export type Gate = (typeof Gate)[keyof typeof Gate];

/**
 * A recognizer is data: a shape gate (cheap, on window features), a regex run only on candidate windows,
 * a pure validator, context words, and its own examples, checked by the full scanner in tests.
 */
export interface Recognizer {
  /** Unique, kebab-case; the registry rejects duplicates. */
  id: string;
  type: PiiType;
  /** Default fine type when the validator does not give one. */
  fineType: string;
  /** What it is and why it matters. */
  description: string;
  /**
   * Cheap gate on the window's character counts, run before any regex: most windows in API traffic
   * (ids, prices, versions) are rejected here. `Gate.CONTEXT` defers to the context words.
   */
  gate: (f: WindowFeatures) => Gate;
  /** A literal that must occur in the window (a prefilter, e.g. `eyJ`, `-----BEGIN`); also lets blobs through. */
  literal?: string;
  /**
   * Keywords, one of which every match holds, case-sensitive (gitleaks' keyword prefilter: `gh`, `xox`):
   * a window with none of them skips the regex.
   */
  keywords?: readonly string[];
  /** Run on the window; the engine adds the `g` flag. */
  pattern: RegExp;
  /** Pure, never throws; `false` rejects the match. `contextOk()` says whether a context-gated value would count. */
  validate?: (match: RegExpExecArray, contextOk: () => boolean) => Verdict;
  /** Lower-case words that raise confidence when seen shortly before the value or as its field name. */
  context: readonly ContextWord[];
  /** Counts only with a context word or field name (shapes that validate by chance). */
  requiresContext: boolean;
  /** Base confidence when validated and, if required, in context. */
  confidence: number;
  examples: { match: readonly string[]; noMatch: readonly NoMatchExample[] };
}

/** A field-name recognizer: values of JSON keys / form fields with these names (PERSON_NAME, STREET_ADDRESS). */
export interface FieldRecognizer {
  id: string;
  type: PiiType;
  fineType: string;
  description: string;
  /** Field names, lower-case with `_`, `-` and spaces removed (`first_name`, `firstName` → `firstname`). */
  fields: readonly string[];
  /** Shape the (decoded) value must have. */
  value: RegExp;
  /** The value is a hash of the type (`HASH_VALUE`): reported as `<type>_<hash>`, `EMAIL_MD5`. */
  hashed?: true;
  confidence: number;
  examples: {
    match: readonly { field: string; value: string }[];
    noMatch: readonly { field: string; value: string; why: string }[];
  };
}
