import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FIELD_RECOGNIZERS, scanBuffer } from '../../../detectors/pii/index.js';
import type { FieldRecognizer } from '../../../detectors/pii/types.js';
import { scannedInTwo } from '../../support/streamed.js';

const KEY = 'breachwatch-test-fingerprint-key';
const byId = (id: string): FieldRecognizer =>
  FIELD_RECOGNIZERS.find((r) => r.id === id) ?? (FIELD_RECOGNIZERS[0] as FieldRecognizer);
const [person, address] = [byId('person-name-field'), byId('street-address-field')];
// the field syntaxes are tested on names and addresses, whose values may hold spaces
// (ASCII names: the texts below are one byte a character; UTF-8 names are tested on their own)
const NAMES = [person, address].flatMap((r) =>
  r.fields.filter((name) => /^[a-z0-9]+$/.test(name)).map((name) => ({ name, type: r.type })),
);

/** Field detections in `text`: type and the value's offsets. */
function fields(text: string, fieldRecognizers?: readonly FieldRecognizer[]): string[] {
  return scanBuffer(Buffer.from(text, 'latin1'), { fingerprintKey: KEY, fieldRecognizers })
    .detections.filter((d) => d.type === 'PERSON_NAME' || d.type === 'STREET_ADDRESS')
    .map((d) => `${d.type}@${d.start}-${d.end}`);
}

describe('field keys', () => {
  it('finds every field name as a JSON key and as a form field, at the value', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...NAMES),
        fc.constantFrom('Ada Lovelace', 'Main Street'),
        ({ name, type }, value) => {
          const json = `{"id":7,"${name}": "${value}"}`;
          const at = json.indexOf(value);
          expect(fields(json)).toEqual([`${type}@${at}-${at + value.length}`]);
          const form = `a=1&${name}=${value.replace(' ', '+')}&b=2`;
          const start = form.indexOf('=', 4) + 1;
          expect(fields(form)).toEqual([`${type}@${start}-${start + value.length}`]);
        },
      ),
    );
  });

  it('finds every field name as an XML element holding text, with or without a namespace prefix', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...NAMES),
        fc.constantFrom('Ada Lovelace', 'Main Street'),
        fc.constantFrom('', 'ns1:'),
        ({ name, type }, value, prefix) => {
          const xml = `<c><id>7</id><${prefix}${name}>${value}</${prefix}${name}></c>`;
          const at = xml.indexOf(value);
          expect(fields(xml)).toEqual([`${type}@${at}-${at + value.length}`]);
        },
      ),
    );
  });

  it('finds every field name as a `key: value` line (YAML, LDIF), indented or not, quoted or not', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...NAMES),
        fc.constantFrom('Ada Lovelace', 'Main Street'),
        fc.constantFrom('', '  ', '\t'),
        fc.constantFrom('', '"', "'"),
        ({ name, type }, value, indent, quote) => {
          const text = `id: 7\n${indent}${name}: ${quote}${value}${quote}\nnext: 1\n`;
          const at = text.indexOf(value);
          expect(fields(text), text).toEqual([`${type}@${at}-${at + value.length}`]);
        },
      ),
    );
    // a key holding a digit ends a window instead of seeding one: still read once, wherever the input is cut
    const body = Buffer.from(`x\n  address2: 12 High St\n${'filler text here '.repeat(30)}`, 'latin1');
    for (let cut = 1; cut < body.length; cut += 7) {
      const found = scannedInTwo(body, cut);
      expect(
        found.map((d) => `${d.type}@${d.start}`),
        `cut at ${cut}`,
      ).toEqual(['STREET_ADDRESS@14']);
    }
    // indentation is read up to 16 bytes, so the walk back to a line start is bounded whatever the chunking
    expect(fields(`x\n${' '.repeat(16)}first_name: Ada\n`)).toHaveLength(1);
    expect(fields(`x\n${' '.repeat(17)}first_name: Ada\n`)).toEqual([]);
    // a YAML list item's first key, after its `- `
    expect(fields('people:\n  - first_name: Ada\n    x: 1\n-\tfirst_name: Ada\n')).toEqual([
      'PERSON_NAME@24-27',
      'PERSON_NAME@51-54',
    ]);
    expect(fields('x\nnote - first_name: Ada\n')).toEqual([]);
    // a key in the middle of a line is prose; a value runs to the end of its line only
    expect(fields('note: ask for first_name: Ada\n')).toEqual([]);
    expect(fields('givenName: Ada\r\nsn: Lovelace\r\n')).toEqual(['PERSON_NAME@11-14']);
  });

  it('finds every field name as a `key = value` line (INI, TOML, the AWS credentials file), not mid-line', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...NAMES),
        fc.constantFrom('Ada Lovelace', 'Main Street'),
        fc.constantFrom('', '  ', '\t'),
        fc.constantFrom(' ', '  ', '\t'),
        fc.constantFrom('', '"', "'"),
        ({ name, type }, value, indent, blank, quote) => {
          const text = `[default]\n${indent}${name}${blank}=${blank}${quote}${value}${quote}\nnext = 1\n`;
          const at = text.indexOf(value);
          expect(fields(text), text).toEqual([`${type}@${at}-${at + value.length}`]);
          expect(fields(`if a == b and ${name} = ${value}\n`)).toEqual([]);
        },
      ),
    );
  });

  it('finds every field name as a quoted attribute or logfmt value, and as an unquoted logfmt value', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...NAMES),
        fc.constantFrom('Ada Lovelace', 'Mill Lane'), // one word of each is read alone below: no field's own name (`Street`)
        fc.constantFrom('"', "'"),
        ({ name, type }, value, quote) => {
          const attribute = `<c id="7" ${name}=${quote}${value}${quote} ok="1"/>`;
          const at = attribute.indexOf(value);
          expect(fields(attribute)).toEqual([`${type}@${at}-${at + value.length}`]);
          const word = value.split(' ')[1] as string;
          const logfmt = `level=info ${name}=${word} status=ok\n`;
          const start = logfmt.indexOf(word);
          // one word only: names need one, street addresses two, so only the former are found
          const expected = type === 'PERSON_NAME' ? [`${type}@${start}-${start + word.length}`] : [];
          expect(fields(logfmt)).toEqual(expected);
        },
      ),
    );
  });

  it('ends a form value at a space only before the next key, a log value at any space', () => {
    expect(fields('a=1&street=12 High Street&b=2')).toEqual(['STREET_ADDRESS@11-25']);
    expect(fields('a=1&street=12 High Street b=2')).toEqual(['STREET_ADDRESS@11-25']);
    expect(fields('msg=x street=12 High Street')).toEqual([]);
    expect(fields('msg=x street="12 High Street" id=1')).toEqual(['STREET_ADDRESS@14-28']);
    expect(fields('<a street="12&#32;High Street">')).toEqual(['STREET_ADDRESS@11-29']);
  });

  it('reads XML entities in an element value, and skips elements holding elements or nothing', () => {
    // the same names raw (UTF-8), as XML entities and as JSON escapes: one fingerprint each, however written
    const fingerprints = (body: string): string[] =>
      scanBuffer(Buffer.from(body, 'utf8'), { fingerprintKey: KEY }).detections.map((d) => d.fingerprint);
    const raw = fingerprints(`{"lastName":"O'Neill","last_name":"Renée"}`);
    expect(raw).toHaveLength(2);
    expect(fingerprints('<lastName>O&apos;Neill</lastName><last_name>Ren&#233;e</last_name>')).toEqual(raw);
    expect(fingerprints('<lastName>O&#x27;Neill</lastName><last_name>Ren&#xE9;e</last_name>')).toEqual(raw);
    expect(fingerprints(String.raw`{"lastName":"O\u0027Neill","last_name":"Ren\u00e9e"}`)).toEqual(raw);
    for (const other of [
      '<first_name><given>Ada</given></first_name>',
      '<first_name><![CDATA[Ada]]>',
      '<first_name><![CDATA[Ada</first_name>',
      '<first_name/>Ada',
      '</first_name>Ada</x>',
      '<xfirst_name>Ada</xfirst_name>',
      '<first_name>Ada',
    ])
      expect(fields(other), other).toEqual([]);
  });

  it('reads a CDATA section as the value, as it is, at its own bytes', () => {
    const cdata = (value: string): string => `<soap:Body><m:lastName><![CDATA[${value}]]></m:lastName></soap:Body>`;
    const at = cdata('').indexOf(']]>');
    expect(fields(cdata('Lovelace'))).toEqual([`PERSON_NAME@${at}-${at + 8}`]);
    // no entities inside a CDATA section: `&apos;` is six characters of the value, and no name has them
    expect(fields(cdata('O&apos;Neill'))).toEqual([]);
    expect(fields(cdata('<b>Ada</b>'))).toEqual([]);
    // a section longer than a field value is no field value
    expect(fields(cdata(`Ada ${'x'.repeat(300)}`))).toEqual([]);
  });

  it('reads a key as its last dotted segment, in any case, with `_` and `-` ignored', () => {
    for (const key of ['customer.first_name', 'First-Name', 'FIRSTNAME', 'billing.address_line1'])
      expect(fields(`{"${key}":"Ada Lovelace"}`), key).toHaveLength(1);
    expect(fields('{"first_name.id":"Ada"}')).toEqual([]);
    // a reserved property's `$` (Mixpanel's `$first_name`), not any other byte, before the name
    expect(fields('{"$first_name":"Ada","$last_name":"Lovelace"}')).toEqual(['PERSON_NAME@16-19', 'PERSON_NAME@35-43']);
    expect(fields('{"#first_name":"Ada","$$last_name":"Lovelace"}')).toEqual([]);
  });

  it('reads names beyond ASCII: UTF-8 as sent, capitals of Latin-1 letters, and percent-encoded by a form', () => {
    const utf8 = (text: string): string[] => {
      const bytes = Buffer.from(text, 'utf8');
      return scanBuffer(bytes, { fingerprintKey: KEY }).detections.map(
        (d) => `${d.type} ${bytes.toString('utf8', d.start, d.end)}`,
      );
    };
    expect(utf8('{"Prénom":"Zoë","NAZWISKO":"Wiśniewska","adresse.straße":"Hauptstraße 5"}')).toEqual([
      'PERSON_NAME Zoë',
      'PERSON_NAME Wiśniewska',
      'STREET_ADDRESS Hauptstraße 5',
    ]);
    expect(utf8('<PRÉNOM>Zoë</PRÉNOM>')).toEqual(['PERSON_NAME Zoë']);
    expect(utf8('pr%C3%A9nom=Zo%C3%AB&Stra%C3%9Fe=Hauptstra%C3%9Fe+5&x=1')).toEqual([
      'PERSON_NAME Zo%C3%AB',
      'STREET_ADDRESS Hauptstra%C3%9Fe+5',
    ]);
    // a percent-escape decodes to a byte, not to a separator: `pr%C3%A9nomx` is another name
    expect(utf8('pr%C3%A9nomx=Zoe&x=1')).toEqual([]);
  });

  it('ignores keys that are not field names, and form keys glued to a word', () => {
    expect(fields('{"order_id":"Ada","product_name":"Widget Pro"}')).toEqual([]);
    expect(fields('xfirst_name=Ada')).toEqual([]);
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z][a-z_]{0,20}$/), (key) => {
        // nor ends in one from a word's start (`billing_first_name` is a first name)
        const parts = key.split('_');
        fc.pre(!parts.some((_, i) => NAMES.some((n) => n.name === parts.slice(i).join(''))));
        expect(fields(`{"${key}":"Ada"} ${key}=Ada`)).toEqual([]);
      }),
    );
  });

  it('lets a later field recognizer take a name an earlier one lists too', () => {
    const shared = { ...address, fields: [...address.fields, 'nickname'] };
    const mine = { ...person, fields: [...person.fields, 'nickname'] };
    // a value both accept
    expect(fields('{"nickname":"Ada Lovelace"}', [mine, shared])).toEqual(['STREET_ADDRESS@13-25']);
    expect(fields('{"nickname":"Ada Lovelace"}', [shared, mine])).toEqual(['PERSON_NAME@13-25']);
  });
});

describe('DynamoDB items', () => {
  // an item as GetItem/Scan return it and a table export to S3 writes it (DynamoDB JSON), and as the AWS CLI prints it
  const compact = '{"Item":{"id":{"N":"7"},"first_name":{"S":"Ada"},"street":{"S":"12 High Street"}}}\n';
  const printed = [
    '{',
    '    "Items": [',
    '        {',
    '            "id": {',
    '                "N": "7"',
    '            },',
    '            "first_name": {',
    '                "S": "Ada"',
    '            },',
    '            "street": {',
    '                "S": "12 High Street"',
    '            }',
    '        }',
    '    ]',
    '}',
    '',
  ].join('\n');

  it('reads a string attribute under a field name as its value, at its own bytes', () => {
    for (const text of [compact, printed]) {
      const at = (value: string): string => `${text.indexOf(value)}-${text.indexOf(value) + value.length}`;
      expect(fields(text), text).toEqual([`PERSON_NAME@${at('Ada')}`, `STREET_ADDRESS@${at('12 High Street')}`]);
    }
    // Firestore's REST API types a document's fields alike
    const firestore = '{"fields":{"first_name":{"stringValue":"Ada"},"age":{"integerValue":"36"}}}';
    expect(fields(firestore)).toEqual([`PERSON_NAME@${firestore.indexOf('Ada')}-${firestore.indexOf('Ada') + 3}`]);
    // a number, binary (base64), a set or an object that is no attribute value is no name
    for (const other of [
      '{"first_name":{"N":"12"}}',
      '{"first_name":{"B":"QWRh"}}',
      '{"first_name":{"S" "Ada"}}',
      '{"first_name":{"SS":["Ada"]}}',
      '{"first_name":{"given":"Ada"}}',
      `{"first_name":{${' '.repeat(120)}"S":"Ada"}}`,
    ])
      expect(fields(other), other).toEqual([]);
  });

  it('finds the same however the item is chunked', () => {
    for (const text of [compact, printed]) {
      const bytes = Buffer.from(text, 'latin1');
      const whole = fields(text);
      for (let cut = 1; cut < bytes.length; cut++) {
        const ds = scannedInTwo(bytes, cut);
        expect(
          ds.filter((d) => d.type !== 'EMAIL').map((d) => `${d.type}@${d.start}-${d.end}`),
          `cut at ${cut}`,
        ).toEqual(whole);
      }
    }
  });
});

describe('JSON in a JSON string', () => {
  // an SNS notification's Message, an SQS body, an API Gateway proxy event's body, a JSON log's message
  const sns = '{"Type":"Notification","Message":"{\\"first_name\\":\\"Ada\\",\\"street\\": \\"12 High Street\\"}"}';

  it("reads a field whose quotes are escaped, at its value's own bytes", () => {
    const at = (value: string): string => `${sns.indexOf(value)}-${sns.indexOf(value) + value.length}`;
    expect(fields(sns)).toEqual([`PERSON_NAME@${at('Ada')}`, `STREET_ADDRESS@${at('12 High Street')}`]);
    // the value's own escapes are escaped again: a `\\u` escape is read as the character
    const escapes = '{"body":"{\\"last_name\\":\\"Z\\\\u00f6e\\"}"}';
    expect(fields(escapes)).toEqual([`PERSON_NAME@${escapes.indexOf('Z')}-${escapes.lastIndexOf('e') + 1}`]);
    const fingerprint = (text: string): string | undefined =>
      scanBuffer(Buffer.from(text, 'latin1'), { fingerprintKey: KEY }).detections[0]?.fingerprint;
    expect(fingerprint(escapes)).toBe(fingerprint('{"last_name":"Z\\u00f6e"}'));
  });

  it('reads no value that a bare quote ends first, nor an escaped key whose opening quote is bare', () => {
    expect(fields('{"m":"{\\"first_name\\":\\"Ada"}')).toEqual([]);
    expect(fields('{"m":"{"first_name\\":\\"Ada\\"}"}')).toEqual([]);
    // an escaped quote inside the value (`\\\"`) does not end it: the whole value is no name
    expect(fields('{"m":"{\\"first_name\\":\\"Ada \\\\\\"Al\\\\\\" Lovelace\\"}"}')).toEqual([]);
  });

  /** `value` as JSON held in `depth` JSON strings, each in a log line's `message` (`JSON.stringify` does the escaping). */
  const nested = (value: unknown, depth: number): string => {
    let text = JSON.stringify(value);
    for (let d = 0; d < depth; d++) text = JSON.stringify({ message: text });
    return text;
  };

  it('reads fields in JSON held in strings held in strings, at any depth, as the same values', () => {
    const fingerprints = (text: string): string[] =>
      scanBuffer(Buffer.from(text, 'latin1'), { fingerprintKey: KEY }).detections.map((d) => d.fingerprint);
    const utf8 = (depth: number): string =>
      Buffer.from(nested({ first_name: 'Zoë', street: '12 High Street' }, depth)).toString('latin1');
    const plain = fingerprints(utf8(0));
    expect(plain).toHaveLength(2);
    for (const depth of [1, 2, 3, 4]) {
      const text = nested({ first_name: 'Ada', street: '12 High Street' }, depth);
      const at = (value: string): string => `${text.indexOf(value)}-${text.indexOf(value) + value.length}`;
      expect(fields(text), `depth ${depth}`).toEqual([
        `PERSON_NAME@${at('Ada')}`,
        `STREET_ADDRESS@${at('12 High Street')}`,
      ]);
      expect(fingerprints(utf8(depth)), `depth ${depth}`).toEqual(plain);
      // the innermost JSON's own escapes are undone too
      let escaped = '{"first_name":"Zo\\u00eb","street":"12 High Street"}';
      for (let d = 0; d < depth; d++) escaped = JSON.stringify({ message: escaped });
      expect(fingerprints(escaped), `depth ${depth}`).toEqual(plain);
    }
  });

  it('reads past a deeper quote inside a value, and stops at a shallower one: the string holding it ended', () => {
    // `Ada "Al" Lovelace` at depth 2: its own quotes have seven backslashes, the string's closing quote three; read
    // whole, the value is no name (cut at its first quote, `Ada ` would be)
    expect(fields(nested({ first_name: 'Ada "Al" Lovelace' }, 2))).toEqual([]);
    expect(fields(nested({ first_name: 'Ada', last_name: 'Lovelace' }, 2))).toHaveLength(2);
    // the value's string is cut short by the end of the string one level up (`\"`), so it is no value
    const cut = '{"m":"{\\"a\\":\\"{\\\\\\"street\\\\\\":\\\\\\"12 High\\"}"}';
    expect(fields(cut)).toEqual([]);
    expect(fields(cut.replace('High\\"', 'High Street\\\\\\"}\\"'))).toHaveLength(1);
  });

  it('reports a value found in escaped JSON without the backslashes of its closing quote', () => {
    const text = nested({ contact: 'ada@example.org', tel: '+44 20 7946 0958' }, 2);
    const found = scanBuffer(Buffer.from(text, 'latin1'), { fingerprintKey: KEY }).detections;
    expect(found.map((d) => `${d.type}:${text.slice(d.start, d.end)}`)).toEqual([
      'EMAIL:ada@example.org',
      'PHONE:+44 20 7946 0958',
    ]);
  });

  it('finds the same however the body is chunked', () => {
    const deep = nested({ first_name: 'Ada', street: '12 High Street', tel: '+44 20 7946 0958' }, 3);
    for (const body of [sns, deep]) {
      const bytes = Buffer.from(body, 'latin1');
      const whole = scannedInTwo(bytes, bytes.length).map((d) => `${d.type}@${d.start}-${d.end}`);
      expect(whole.length).toBeGreaterThanOrEqual(2);
      for (let cut = 1; cut < bytes.length; cut++)
        expect(
          scannedInTwo(bytes, cut).map((d) => `${d.type}@${d.start}-${d.end}`),
          `cut at ${cut}`,
        ).toEqual(whole);
    }
  });
});

describe('values a key names', () => {
  // Cognito's ListUsers as the API returns it and the AWS CLI prints it, and resource tags
  const users = {
    Users: [
      {
        Username: '7d3c9a',
        Attributes: [
          { Name: 'sub', Value: '7d3c9a-11' },
          { Name: 'given_name', Value: 'Ada' },
          { Name: 'family_name', Value: 'Lovelace' },
          { Name: 'address', Value: '12 St James Square' },
        ],
        UserStatus: 'CONFIRMED',
      },
    ],
  };
  const tags = {
    Tags: [
      { Key: 'Name', Value: 'web server' },
      { Key: 'street', Value: '1 Main Street' },
    ],
  };

  it('reads the Value beside a Name or Key that names a field as that field, at its own bytes', () => {
    for (const text of [JSON.stringify(users), JSON.stringify(users, null, 4)]) {
      const at = (value: string): string => `${text.indexOf(value)}-${text.indexOf(value) + value.length}`;
      expect(fields(text), text).toEqual([
        `PERSON_NAME@${at('Ada')}`,
        `PERSON_NAME@${at('Lovelace')}`,
        `STREET_ADDRESS@${at('12 St James Square')}`,
      ]);
    }
    const text = JSON.stringify(tags);
    expect(fields(text)).toEqual([`STREET_ADDRESS@${text.indexOf('1 Main')}-${text.indexOf('1 Main') + 13}`]);
    // OpenTelemetry's span attributes: a dotted name, a typed value
    const span = JSON.stringify({
      attributes: [
        { key: 'user.full_name', value: { stringValue: 'Ada Lovelace' } },
        { key: 'user.id', value: { stringValue: 'Grace Hopper' } },
        { key: 'app.street', value: { intValue: '12' } },
      ],
    });
    expect(fields(span)).toEqual([`PERSON_NAME@${span.indexOf('Ada')}-${span.indexOf('Ada') + 12}`]);
  });

  it('reads no value a Name does not stand right beside, nor one named by no field', () => {
    for (const other of [
      '{"Name":"given_name"},{"Value":"Ada"}',
      '{"Name":"given_name","Other":"Ada"}',
      '{"Name":"nickname","Value":"Ada"}',
      '{"Value":"Ada","Name":"given_name"}',
      `{"Name":"given_name",${' '.repeat(120)}"Value":"Ada"}`,
      '{"Title":"given_name","Value":"Ada"}',
    ])
      expect(fields(other), other).toEqual([]);
  });

  it('finds the same however the list is chunked', () => {
    const bytes = Buffer.from(JSON.stringify(users, null, 4), 'latin1');
    const whole = fields(bytes.toString('latin1'));
    for (let cut = 1; cut < bytes.length; cut++) {
      const ds = scannedInTwo(bytes, cut);
      expect(
        ds
          .filter((d) => d.type === 'PERSON_NAME' || d.type === 'STREET_ADDRESS')
          .map((d) => `${d.type}@${d.start}-${d.end}`),
        `cut at ${cut}`,
      ).toEqual(whole);
    }
  });
});

describe('lists of values', () => {
  it('reads each string of a JSON list under a field name, at its own bytes', () => {
    const text =
      '{"given_names": ["Ada", "Grace"], "addresses": [], "address_line1": ["12 High Street" , "Flat 3 Anchor House"]}';
    const at = (value: string): string => `${text.indexOf(value)}-${text.indexOf(value) + value.length}`;
    expect(fields(text)).toEqual([
      `STREET_ADDRESS@${at('12 High Street')}`,
      `STREET_ADDRESS@${at('Flat 3 Anchor House')}`,
    ]);
    const named = '{"first_name":["Ada","Grace"]}';
    expect(fields(named)).toEqual(['PERSON_NAME@16-19', 'PERSON_NAME@22-27']);
  });

  it('stops at a value that is no string, at the end of the list, and where a field value is no longer read', () => {
    expect(fields('{"first_name":["Ada",42,"Grace"]}')).toEqual(['PERSON_NAME@16-19']);
    expect(fields('{"first_name":["Ada"] , "x": "Grace"}')).toEqual(['PERSON_NAME@16-19']);
    expect(fields('{"first_name":[["Ada"]]}')).toEqual([]);
    expect(fields('{"first_name":["Ada"; "Grace"]}')).toEqual(['PERSON_NAME@16-19']);
    // the list is read as far as a field's value is kept in view (FIELD_TAIL), so any cut reads it alike
    const long = `{"first_name":[${Array.from({ length: 80 }, (_, i) => `"Ada${String.fromCharCode(97 + (i % 26))}"`).join(',')}]}`;
    const found = fields(long);
    expect(found.length).toBeGreaterThan(20);
    expect(found.length).toBeLessThan(80);
    const bytes = Buffer.from(long, 'latin1');
    for (let cut = 1; cut < bytes.length; cut += 13)
      expect(
        scannedInTwo(bytes, cut).map((d) => `${d.type}@${d.start}-${d.end}`),
        `cut at ${cut}`,
      ).toEqual(found);
  });
});
