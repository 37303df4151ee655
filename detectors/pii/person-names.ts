/**
 * What a person's name looks like where no field names it as one: a bare `name` field, an e-mail address's display
 * name. Such names are reported through the person-name field recognizer, so configurations without it read none.
 */
import type { Engine } from './engine.js';
import { fieldNamed } from './field-table.js';
import type { FieldRecognizer } from './types.js';

// in the latin1 view of UTF-8: a capital is ASCII, Latin-1 (C3 80–9E), Cyrillic (D0 80–AF: `Анна`) or Greek (CE 86–AB);
// a small letter ASCII, Latin-1 (C3 9F–BF), Cyrillic (D0 B0–D1 9F) or Greek (CE AC–CF 8E); Latin Extended-A (C4–C5:
// `Łukasz Wiśniewski`) is either
const UP = '(?:[A-Z]|\\xc3[\\x80-\\x96\\x98-\\x9e]|[\\xc4\\xc5][\\x80-\\xbf]|\\xd0[\\x80-\\xaf]|\\xce[\\x86-\\xab])';
const LO =
  '(?:[a-z]|\\xc3[\\x9f-\\xbf]|[\\xc4\\xc5][\\x80-\\xbf]|\\xd0[\\xb0-\\xbf]|\\xd1[\\x80-\\x9f]|\\xce[\\xac-\\xbf]|\\xcf[\\x80-\\x8e])';
/** `Ada`, `McDonald`, `O'Neill` (or `O’Neill`), `Smith-Jones`. */
const WORD = `(?:[A-Z](?:'|\\xe2\\x80\\x99))?${UP}${LO}+(?:${UP}${LO}+)?(?:-${UP}${LO}+)?`;
const PARTICLE = '(?:van|von|der|den|de|del|della|da|di|du|dos|das|la|le|ter|ten|bin|ibn|al|y|zu)';
/**
 * Words that make a name an organisation's, a team's, a placeholder's or a resource's (`Production Database` beside
 * its owner's e-mail).
 */
const NOT_A_PERSON = [
  'Inc|Ltd|Corp|Company|Group|Team|Support|Services?|Bank|Store|Shop|Admin|Bot|Test|User|Demo|Sample',
  'Department|Office|University|School|Hospital|Clinic|Council|Agency|Partners|Holdings|Solutions|Systems',
  'Database|Report|Project|Server|Cluster|Bucket|Account|Plan|Product|Order|Invoice|Document|Folder|Channel',
  'Workspace|Application|Policy|Queue|Topic|Pipeline|Campaign|Template|Widget',
].join('|');
/**
 * Two to four capitalised words, with initials (`Jane Q. Doe`) and particles (`Ludwig van Beethoven`) between, none of
 * them `NOT_A_PERSON`.
 */
const PERSON_SHAPE = new RegExp(
  `^(?!.*\\b(?:${NOT_A_PERSON})\\b)${WORD}(?: (?:${PARTICLE} |[A-Z]\\.? )*${WORD}){1,3}$`,
);

/** The field name whose recognizer reports these names (configurations without it read none). */
const FULL_NAME = Buffer.from('fullname', 'latin1');

/**
 * @internal False when `bytes[s, e)` cannot hold a person's shape: it starts with no capital, UTF-8 letter or escape,
 * holds a digit or no space (a product's `Widget 83d1`, a host): most bare names are rejected before any string is made.
 */
export function mayBeName(bytes: Uint8Array, s: number, e: number): boolean {
  const first = bytes[s] as number;
  if (!((first >= 65 && first <= 90) || first >= 0xc3 || first === 92)) return false;
  let space = false;
  for (let k = s; k < e; k++) {
    const c = bytes[k] as number;
    if (c >= 48 && c <= 57) return false;
    if (c === 32) space = true;
    // a JSON escape's hex digits (`Zo\u00eb`, as Python's json writes any letter beyond ASCII) are no digits
    else if (c === 92) k += bytes[k + 1] === 117 ? 5 : 1;
  }
  return space;
}

/** The person-name field recognizer with `PERSON_SHAPE` for its values, by the recognizer it is made from. */
const BARE = new WeakMap<FieldRecognizer, FieldRecognizer>();

/**
 * @internal The person-name field recognizer, taking only values of a person's shape, for names no field names: undefined
 * when it is not configured or below the confidence floor.
 */
export function bareNameRecognizer(engine: Engine): FieldRecognizer | undefined {
  const rec = fieldNamed(engine.fields, FULL_NAME, 0, FULL_NAME.length);
  if (!rec || rec.confidence < engine.minConfidence) return undefined;
  let bare = BARE.get(rec);
  if (!bare) {
    bare = { ...rec, value: PERSON_SHAPE };
    BARE.set(rec, bare);
  }
  return bare;
}

/** @internal `bareNameRecognizer` when `value` (trimmed, latin1 view of UTF-8) has a person's shape. */
export function personNamed(engine: Engine, value: string): FieldRecognizer | undefined {
  const rec = bareNameRecognizer(engine);
  return rec?.value.test(value) ? rec : undefined;
}
