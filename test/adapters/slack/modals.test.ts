import { describe, expect, it } from 'vitest';
import { commandFromSubmission, modalActionOf, readModalMetadata } from '../../../adapters/slack/modal-submission.js';
import { actionModal, MODAL_ACTIONS, type ModalAction, type ModalContext } from '../../../adapters/slack/modals.js';
import type { ViewSubmissionPayload } from '../../../adapters/slack/payload.js';
import { openIncident } from '../../../incidents/correlate.js';
import type { Incident } from '../../../incidents/incident.js';
import { applyCommand } from '../../../incidents/lifecycle.js';
import { DEMO_NOTIFICATION_CONFIG as config } from '../../../incidents/notifications/config.js';
import { assessRisk } from '../../../incidents/risk.js';
import { signal } from '../../support/factories.js';

type Values = ViewSubmissionPayload['view']['state']['values'];
type Block = { type: string; block_id?: string; element?: Record<string, unknown> };

const T0 = '2026-11-20T02:20:00.000Z';
const hours = (h: number) => new Date(Date.parse(T0) + h * 3_600_000);
const opened = openIncident(signal(), T0).incident;
const confirmed = applyCommand(opened, { action: 'confirm-breach', actor: 'dpo' }, T0)!.incident;
const meta = { incidentId: opened.id, responseUrl: 'https://hooks.slack.com/actions/T/1/x' };
const modal = (action: ModalAction, c: Partial<ModalContext> = {}) =>
  actionModal(action, { incident: confirmed, config, now: hours(1), metadata: meta, ...c });
const blocks = (view: Record<string, unknown>) => view.blocks as Block[];
const input = (view: Record<string, unknown>, id: string) => blocks(view).find((b) => b.block_id === id);
const text = (v: string | null): Values[string] => ({ value: { type: 'plain_text_input', value: v } });
const pick = (v: string): Values[string] => ({ value: { type: 'radio_buttons', selected_option: { value: v } } });
const submit = (action: ModalAction, values: Values, incident: Incident = confirmed, at = hours(1)) =>
  commandFromSubmission(action, values, 'dpo-anna', incident, config, at, meta);

describe('Slack modals', () => {
  it('pre-fills the decision with the ENISA suggestion and its reasoning', () => {
    const risk = assessRisk(confirmed, [signal()]);
    const view = modal('decide', { risk, metadata: { ...meta, riskScore: risk.score } });
    expect(view.callback_id).toBe('bw_modal_decide');
    expect(JSON.parse(view.private_metadata as string)).toMatchObject({ incidentId: opened.id, riskScore: risk.score });
    expect((input(view, 'outcome')!.element!.initial_option as { value: string }).value).toBe(risk.suggestion);
    expect(input(view, 'reasoning')!.element!.initial_value).toBe(risk.reasoning.slice(0, 3000));
  });

  it('offers the configured authorities with the lead preselected, and asks for a delay reason only past 72 h', () => {
    const view = modal('notify-authority');
    const authority = input(view, 'authority')!.element!;
    expect((authority.options as Array<{ value: string }>).map((o) => o.value)).toEqual(['de-be', 'de-by']);
    expect((authority.initial_option as { value: string }).value).toBe('de-be');
    expect(input(view, 'delay_reason')).toBeUndefined();
    expect(input(modal('notify-authority', { now: hours(73) }), 'delay_reason')).toMatchObject({ optional: false });
  });

  it('keeps every title within Slack’s 24 characters', () => {
    for (const action of MODAL_ACTIONS)
      expect((modal(action).title as { text: string }).text.length).toBeLessThanOrEqual(24);
  });
});

describe('modal submissions', () => {
  it('turns a complete form into its command', () => {
    expect(submit('decide', { outcome: pick('notify-authority'), reasoning: text(' medium risk ') })).toEqual({
      command: { action: 'decide', actor: 'dpo-anna', outcome: 'notify-authority', reasoning: 'medium risk' },
    });
    expect(submit('exempt-subjects', { exemption: pick('art34-3-a'), justification: text('AES-256 at rest') })).toEqual(
      {
        command: {
          action: 'exempt-subjects',
          actor: 'dpo-anna',
          exemption: 'art34-3-a',
          justification: 'AES-256 at rest',
        },
      },
    );
  });

  it('puts a missing or blank required field back on that field', () => {
    expect(submit('dismiss', { reason: text('   ') }, opened)).toEqual({
      errors: { reason: 'Say why this is not a personal-data breach.' },
    });
    expect(submit('exempt-subjects', { exemption: pick('art34-3-z'), justification: text(null) })).toMatchObject({
      errors: { exemption: expect.any(String), justification: expect.any(String) },
    });
    expect(submit('notify-authority', { authority: pick('fr-cnil') })).toMatchObject({
      errors: { authority: 'Choose one of the configured supervisory authorities.' },
    });
  });

  it('requires the reasons for the delay past 72 h (Art. 33(1)), even if the form opened before', () => {
    const late = hours(73);
    expect(
      submit('notify-authority', { authority: pick('de-be'), delay_reason: text('') }, confirmed, late),
    ).toMatchObject({
      errors: { delay_reason: expect.stringContaining('Art. 33(1)') },
    });
    expect(submit('notify-authority', { authority: pick('de-be') }, confirmed, late)).toMatchObject({
      errors: { authority: expect.stringContaining('open it again') },
    });
    expect(
      submit(
        'notify-authority',
        { authority: pick('de-be'), delay_reason: text('forensics took 4 days') },
        confirmed,
        late,
      ),
    ).toMatchObject({ command: { authority: 'de-be', delayReason: 'forensics took 4 days' } });
  });

  it('refuses, on the form, a transition the incident no longer allows', () => {
    expect(submit('close', { reason: text(null) })).toMatchObject({
      errors: { reason: expect.stringContaining('only after a register-only decision') },
    });
    expect(submit('dismiss', { reason: text('not personal data') })).toMatchObject({
      errors: { reason: expect.stringContaining('cannot dismiss while breach-confirmed') },
    });
  });

  it('reads back only its own forms and metadata', () => {
    expect(modalActionOf('bw_modal_notify-subjects')).toBe('notify-subjects');
    expect(modalActionOf('bw_modal_remind')).toBeUndefined();
    expect(readModalMetadata('{"incidentId":"BW-1","responseUrl":"javascript:x","riskScore":"9"}')).toEqual({
      incidentId: 'BW-1',
      responseUrl: undefined,
      riskScore: undefined,
    });
    expect(() => readModalMetadata('{"incidentId":"../etc"}')).toThrow(/incidentId/);
  });
});
