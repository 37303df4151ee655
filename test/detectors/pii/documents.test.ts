import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { documentText, isDocumentText } from '../../../detectors/pii/documents.js';
import { scanBuffer } from '../../../detectors/pii/index.js';
import { zipOf } from '../../support/zip-writer.js';

const KEY = 'breachwatch-test-fingerprint-key';

/** A DOCX body as Word writes it: a card number split over three runs (formatting and a spelling mark between). */
const DOCUMENT =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="x"><w:body>' +
  '<w:p><w:r><w:t xml:space="preserve">Card on file: 4111 1111 </w:t></w:r><w:proofErr w:type="spellStart"/>' +
  '<w:r><w:rPr><w:b/></w:rPr><w:t>1111</w:t></w:r><w:r><w:t xml:space="preserve"> 1111</w:t></w:r></w:p>' +
  '<w:p><w:r><w:t>Contact:</w:t></w:r><w:r><w:tab/><w:t>ada&#64;example.com</w:t></w:r></w:p></w:body></w:document>';

describe('documentText', () => {
  it('joins the runs of a paragraph and ends paragraphs with a line, tabs as tabs, entities decoded', () => {
    expect(documentText(DOCUMENT)).toBe('Card on file: 4111 1111 1111 1111\nContact:\tada@example.com\n');
    expect(documentText('<text:p>a<text:tab/>b<text:line-break/>c</text:p><a:p><a:r><a:t>d</a:t></a:r></a:p>')).toBe(
      'a\tb\nc\nd\n',
    );
  });

  it('names the text parts of DOCX, PPTX and OpenDocument files, not their styles or media', () => {
    for (const name of ['word/document.xml', 'word/footer2.xml', 'ppt/slides/slide12.xml', 'content.xml'])
      expect(isDocumentText(name), name).toBe(true);
    for (const name of ['word/styles.xml', 'ppt/media/image1.png', 'xl/worksheets/sheet1.xml', 'styles.xml'])
      expect(isDocumentText(name), name).toBe(false);
  });

  it('never throws on mangled XML', () => {
    fc.assert(fc.property(fc.string({ maxLength: 300 }), (xml) => void documentText(`<w:p>${xml}</w:p>${xml}`)));
  });
});

describe('a DOCX file', () => {
  it('reports a value Word split over runs, which the XML alone hid', () => {
    const docx = (name: string) =>
      scanBuffer(zipOf([{ name, data: Buffer.from(DOCUMENT), deflate: true }]), { fingerprintKey: KEY })
        .detections.map((d) => d.type)
        .sort();
    expect(docx('word/document.xml')).toEqual(['CREDIT_CARD', 'EMAIL']);
    expect(docx('word/other.xml')).toEqual([]);
  });
});
