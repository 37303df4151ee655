import { describe, expect, it } from 'vitest';
import { draftSubjectCommunication, fill, LANGUAGES, TEMPLATES } from '../../../incidents/notifications/index.js';
import { draftInput } from './input.js';

describe('draftSubjectCommunication', () => {
  it('writes the Art. 34(2) letter in English with the DPO contact, consequences and measures', () => {
    // Act
    const draft = draftSubjectCommunication(draftInput(), 'en', 'Europe/Berlin');
    // Assess
    const { title, body, paragraphs } = draft.content;
    expect(draft.kind).toBe('subjects-en');
    expect(title).toBe('Important: a security incident affecting your personal data at Acme Shop GmbH');
    expect(paragraphs[1]).toMatch(/^On 20 November 2026 we found/);
    expect(body).toContain('Dr. Erika Beispiel, at dpo@acme.example or by phone on +49 30 1234567');
    expect(body).toContain('fraudulent payments or direct debits');
    expect(body).toContain('What we have done: Contained the affected system');
    expect(body).toContain('Check your bank and card statements');
    expect(body).not.toMatch(/\{\{|\}\}/);
  });

  it('writes the same letter in German', () => {
    const { content } = draftSubjectCommunication(draftInput(), 'de', 'Europe/Berlin');
    expect(content.title).toBe(
      'Wichtig: Ein Sicherheitsvorfall betrifft Ihre personenbezogenen Daten bei Acme Shop GmbH',
    );
    expect(content.paragraphs[1]).toMatch(/^am 20\. November 2026 haben wir festgestellt/);
    expect(content.body).toContain(
      'Datenschutzbeauftragten, Dr. Erika Beispiel, unter dpo@acme.example oder telefonisch',
    );
    expect(content.body).toContain('Kontaktdaten (E-Mail-Adressen, Telefonnummern, Postanschriften) und Finanzdaten');
  });

  it('has the same keys in every language template', () => {
    const shape = (o: unknown): unknown =>
      o && typeof o === 'object' && !Array.isArray(o)
        ? Object.fromEntries(Object.entries(o).map(([k, v]) => [k, shape(v)]))
        : typeof o;
    expect(LANGUAGES).toEqual(expect.arrayContaining(['en', 'de']));
    for (const lang of LANGUAGES) expect(shape(TEMPLATES[lang])).toEqual(shape(TEMPLATES.en));
  });

  it('refuses an unknown language and an unfilled placeholder', () => {
    expect(() => draftSubjectCommunication(draftInput(), 'xx')).toThrow(
      'no template for language "xx"; available: en, de',
    );
    expect(() => fill('Hello {{name}}', {})).toThrow('placeholder {{name}} has no value');
  });
});
