/**
 * Office documents (DOCX, PPTX, ODT, ODP) keep their text in XML, split into runs wherever the formatting, a
 * spelling mark or a revision changes: "4111 1111 " and "1111 1111" may sit in two elements. A document part is
 * rewritten as the plain text it shows, paragraphs as lines, so a value is read whole.
 */
import { xmlUnescape } from './decoders.js';

/** @internal True for a ZIP entry holding a document's text: DOCX body, headers, footers and notes; PPTX slides; ODF content. */
export function isDocumentText(name: string): boolean {
  return (
    /^word\/(?:document|header\d*|footer\d*|footnotes|endnotes|comments)\.xml$/.test(name) ||
    /^ppt\/(?:slides\/slide|notesSlides\/notesSlide)\d+\.xml$/.test(name) ||
    name === 'content.xml'
  );
}

/**
 * @internal The text a document part shows: paragraph ends and line breaks as newlines, tabs as tabs, every other
 * tag dropped, entities decoded (bytes as the archive holds them, UTF-8 read as latin1, as the scanner reads).
 */
export function documentText(xml: string): string {
  return xmlUnescape(
    xml
      .replace(/<\/(?:w:p|a:p|text:p|text:h)>|<(?:w:br|a:br|text:line-break)\b[^>]*>/g, '\n')
      .replace(/<(?:w:tab|text:tab)\b[^>]*>/g, '\t')
      .replace(/<[^>]*>/g, ''),
  );
}
