/** A field recognizer's value reported as a hit, once its shape and the confidence floor allow it. */
import type { Engine, Hit } from './engine.js';
import { fieldFor, hashFrom } from './field-table.js';
import { isPersonalKey } from './personal-keys.js';
import { HASH_VALUE, hashHex, hashName } from './recognizers/hashed-fields.js';
import type { FieldRecognizer } from './types.js';

/** @internal Reports `value` (decoded, at `[start, end)`) as `rec`'s type when it has the field's shape. */
export function emit(
  rec: FieldRecognizer,
  value: string,
  start: number,
  end: number,
  engine: Engine,
  out: Hit[],
): void {
  const trimmed = value.trim();
  const shaped = rec.value.test(trimmed);
  // a name or street hashed for an advertising platform (a Customer Match list's First Name column) is still theirs
  const hashed = rec.hashed === true ? shaped : !shaped && HASHED_TYPES.has(rec.type) && HASH_VALUE.test(trimmed);
  if ((!shaped && !hashed) || rec.confidence < engine.minConfidence || isLabel(engine, trimmed)) return;
  if (NO_VALUE.test(trimmed) || CODE_VALUES.some((code) => code.test(trimmed))) return;
  out.push({
    type: rec.type,
    fineType: hashed ? `${rec.type}_${hashName(trimmed)}` : rec.fineType,
    start,
    end,
    validated: false,
    confidence: rec.confidence,
    normalized: hashed ? hashHex(trimmed) : trimmed.replace(/\s+/g, ' ').toLowerCase(),
  });
}

/**
 * Words that stand where a value would be but hold none: a null or a boolean written out (`"null"`, `None`,
 * `undefined`, `false`; not `nil` or `nan`, which are names too), a type as API references write their examples
 * (`string`, `STRING_VALUE`), a redaction mark, a mask (`********`, bullets in UTF-8), a template variable; a
 * declaration's `;` or a list's `,` may end it (TypeScript's `password: string;`).
 */
const NO_VALUE =
  /^(?:null|none|undefined|true|false|n\/a|string|string_value|redacted|\[redacted\]|\[filtered\]|\*+|x+|(?:\xe2\x80\xa2)+|<[^<>]*>|\$\{[^}]*\}|\{\{.*\}\}|%[^%\s]*%)[;,]?$/i;

/** A JavaScript name or member path (`token`, `session.Credentials.SecretAccessKey`). */
const PATH = String.raw`[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*`;

/**
 * Values that are code, not data, as fields read from minified JavaScript or a struct literal hold them: one of these
 * shapes, the whole value or its start.
 */
const CODE_VALUES: readonly RegExp[] = [
  // a call or a subscript: `cdk().stringToCloudFormation(…)`, `getPassword()`, `config['password']`
  new RegExp(`^${PATH}[([]`),
  // an arrow function's or a group's start: `ApiKey=(()=>{…`
  /^\(/,
  // a constructor, its class after a space: `FIRST_NAME=new ProviderAttribute(…)`
  /^new$/,
  // a name or a member ended by code's punctuation: `refreshToken: refreshToken,`, `{accessToken:D.SENSITIVE_STRING}`
  new RegExp(`^${PATH}[,;})\\]]+$`),
  // a member named in camelCase or UPPER_SNAKE: `secretAccessKey: parsed.SecretAccessKey`, not `Summer.Sun`
  new RegExp(`^${PATH}\\.(?:[\\w$]*[a-z][A-Z][\\w$]*|[A-Z][A-Z0-9]*_[A-Z0-9_]+)$`),
  // a member of an object code passes around: `accessToken=props.accessToken`, `credentials.secretAccessKey`
  /^(?:this|props|properties|self|process|options|opts|config|cfg|settings|args|params|ctx|req|credentials|creds|secrets)\.[A-Za-z_$]/,
];

/** Types whose fields may hold their value hashed: read as `<TYPE>_<hash>`, as the hashed recognizers report theirs. */
const HASHED_TYPES = new Set(['PERSON_NAME', 'STREET_ADDRESS']);

/** `hashFrom` of `name`. */
const NAME = hashFrom(Buffer.from('name', 'latin1'), 0, 4);

/**
 * True when `value` is itself a field's name (`First name`, `Nachname`, `E-mail`, `Passwort`): a label, no value. A
 * form's translations (`{"first_name": "Vorname", "password": "Passwort"}`) and a table of labels beside values hold
 * them under field names.
 */
function isLabel(engine: Engine, value: string): boolean {
  const h = hashFrom(Buffer.from(value, 'latin1'), 0, value.length);
  return h === NAME || fieldFor(engine.fields, h) !== undefined || isPersonalKey(engine, h);
}
