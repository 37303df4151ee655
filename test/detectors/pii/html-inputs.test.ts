import { describe, expect, it } from 'vitest';
import { scanBuffer } from '../../../detectors/pii/index.js';
import { scannedInTwo } from '../../support/streamed.js';

const KEY = 'breachwatch-test-fingerprint-key';

/** Field detections in `text`, as `TYPE value@start`. */
function fields(text: string): string[] {
  const bytes = Buffer.from(text, 'latin1');
  return scanBuffer(bytes, { fingerprintKey: KEY })
    .detections.filter((d) => d.type === 'PERSON_NAME' || d.type === 'STREET_ADDRESS')
    .map((d) => `${d.type} ${bytes.toString('latin1', d.start, d.end)}@${d.start}`);
}

describe('HTML form controls', () => {
  it("reads an input's value and a textarea's text under a field's name, at their own bytes", () => {
    const page =
      '<form><input type="text" name="first_name" value="Ada"> <input value=\'Lovelace\' class="x" name=\'last_name\'/>' +
      '<textarea rows="2" name="address">12 High Street</textarea></form>';
    expect(fields(page)).toEqual([
      `PERSON_NAME Ada@${page.indexOf('Ada')}`,
      `PERSON_NAME Lovelace@${page.indexOf('Lovelace')}`,
      `STREET_ADDRESS 12 High Street@${page.indexOf('12 High')}`,
    ]);
    // character references undone, as a page escapes a value
    const escaped = '<input name="lastName" value="O&#39;Neill">';
    expect(fields(escaped)).toEqual([`PERSON_NAME O&#39;Neill@${escaped.indexOf('O&')}`]);
  });

  it('reads no other tag, no control without a value, and none whose name is no field', () => {
    for (const page of [
      '<meta name="first_name" content="Ada">',
      '<param name="street" value="12 High Street">',
      '<input name="first_name">',
      '<input name="first_name" placeholder="Ada">',
      '<input name="product" value="Ada Lovelace">',
      `<input ${'data-x="1" '.repeat(30)}name="first_name" value="Ada">`,
      `<input name="first_name" ${'data-x="1" '.repeat(40)}value="Ada">`,
    ])
      expect(fields(page), page).toEqual([]);
  });

  it('finds the same however the page is chunked', () => {
    const page = Buffer.from(`${'<p>x</p>'.repeat(10)}<input type="text" name="first_name" value="Ada">\n`, 'latin1');
    for (let cut = 1; cut < page.length; cut++) {
      const found = scannedInTwo(page, cut);
      expect(found.filter((d) => d.type === 'PERSON_NAME').length, `cut at ${cut}`).toBe(1);
    }
  });
});
