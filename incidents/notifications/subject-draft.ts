import type { DraftInput } from './authority-draft.js';
import { evidenceCategories } from './authority-draft.js';
import { type Draft, DraftKind, draftKind, firstDraft } from './drafts.js';
import { categoryText, fill, joinList, templateFor } from './templates.js';

/** An Art. 34(2) communication: clear and plain language, DPO contact, likely consequences, measures. */
export interface SubjectCommunicationContent {
  language: string;
  title: string;
  /** Paragraphs in reading order; `body` is them joined by blank lines. */
  paragraphs: string[];
  body: string;
}

/**
 * Pre-fills the letter to data subjects (Art. 34(2), EDPB Guidelines 9/2022 § on communication) in one
 * language from its template: what happened, the data, consequences, measures, advice, the DPO's contact.
 * @example draftSubjectCommunication(input, 'de').content.title
 */
export function draftSubjectCommunication(
  input: DraftInput,
  language: string,
  tz = 'UTC',
): Draft<SubjectCommunicationContent> {
  const t = templateFor(language);
  const { incident, risk, config } = input;
  const cats = evidenceCategories(risk.evidence);
  const entity = `${incident.entity.type} ${incident.entity.id}`;
  const date = new Intl.DateTimeFormat(t.locale, { dateStyle: 'long', timeZone: tz }).format(
    new Date(incident.workflow.awareness?.at ?? incident.firstSeen),
  );
  const phone = config.dpo.phone ? fill(t.subject.phone, { phone: config.dpo.phone }) : '';
  const values = {
    controller: config.controller,
    date,
    categories: joinList(
      cats.map((c) => categoryText(t, c, 'categories')),
      language,
    ),
    consequences: cats.map((c) => categoryText(t, c, 'consequences')).join('; '),
    measures: t.measures.taken.map((m) => fill(m, { entity })).join('. '),
    advice: [...new Set(cats.map((c) => categoryText(t, c, 'advice')))].join(' '),
    dpoName: config.dpo.name,
    dpoEmail: config.dpo.email,
    dpoPhone: phone,
  };
  const s = t.subject;
  const paragraphs = [s.greeting, s.what, s.data, s.consequences, s.measures, s.advice, s.contact, s.closing].map((p) =>
    fill(p, values),
  );
  const title = fill(s.title, values);
  return firstDraft(
    incident.id,
    draftKind(DraftKind.SUBJECTS, language),
    { language, title, paragraphs, body: paragraphs.join('\n\n') },
    input.by,
    input.at,
  );
}
