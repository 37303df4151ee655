import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../events/errors.js';
import { readNotificationConfig } from '../../functions/lib/notification-config.js';
import { DEMO_NOTIFICATION_CONFIG } from '../../incidents/notifications/config.js';

const whole = {
  controller: 'Acme Shop GmbH',
  dpo: { name: 'Erika Beispiel', email: 'dpo@acme.example' },
  leadAuthority: { id: 'de-be', name: 'BlnBDI', country: 'DE' },
  otherAuthorities: [{ id: 'de-by', name: 'BayLDA', country: 'DE' }],
  subjectLanguages: ['en', 'de'],
};
const env = (vars: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(vars).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]));

describe('readNotificationConfig', () => {
  it('reads the whole configuration from BREACHWATCH_NOTIFICATION_CONFIG', () => {
    expect(readNotificationConfig(env({ BREACHWATCH_NOTIFICATION_CONFIG: whole }))).toEqual(whole);
  });

  it('builds it from named variables, each overriding the JSON', () => {
    const config = readNotificationConfig(
      env({
        BREACHWATCH_NOTIFICATION_CONFIG: whole,
        BREACHWATCH_DPO_EMAIL: 'privacy@acme.example',
        BREACHWATCH_SUBJECT_LANGUAGES: 'de',
      }),
    );
    expect(config.dpo).toEqual({ name: 'Erika Beispiel', email: 'privacy@acme.example' });
    expect(config.subjectLanguages).toEqual(['de']);
    expect(
      readNotificationConfig(
        env({
          BREACHWATCH_CONTROLLER: 'Acme',
          BREACHWATCH_DPO_NAME: 'Erika',
          BREACHWATCH_DPO_EMAIL: 'dpo@acme.example',
          BREACHWATCH_LEAD_AUTHORITY: { id: 'ie-dpc', name: 'Data Protection Commission', country: 'IE' },
        }),
      ).leadAuthority.id,
    ).toBe('ie-dpc');
  });

  it('falls back to the given defaults only when nothing is set, else says what to set', () => {
    expect(readNotificationConfig({}, DEMO_NOTIFICATION_CONFIG)).toBe(DEMO_NOTIFICATION_CONFIG);
    expect(() => readNotificationConfig({})).toThrow(/set BREACHWATCH_NOTIFICATION_CONFIG/);
  });

  it.each([
    [{ BREACHWATCH_NOTIFICATION_CONFIG: '{not json' }, 'BREACHWATCH_NOTIFICATION_CONFIG is not valid JSON'],
    [{ BREACHWATCH_NOTIFICATION_CONFIG: '[]' }, 'must be a JSON object'],
    [{ BREACHWATCH_NOTIFICATION_CONFIG: { ...whole, dpo: { name: 'x', email: 'nope' } } }, 'dpo.email'],
    [
      { BREACHWATCH_NOTIFICATION_CONFIG: { ...whole, subjectLanguages: ['fr'] } },
      'subjectLanguages.0: expected one of en, de',
    ],
    [
      { BREACHWATCH_NOTIFICATION_CONFIG: { ...whole, leadAuthority: { id: 'DE BE', name: 'x', country: 'DE' } } },
      'leadAuthority.id',
    ],
    [
      { BREACHWATCH_NOTIFICATION_CONFIG: { ...whole, otherAuthorities: [whole.leadAuthority] } },
      'authority ids must be unique',
    ],
    [{ BREACHWATCH_NOTIFICATION_CONFIG: { ...whole, leadAuthorty: {} } }, 'leadAuthorty'],
    [{ BREACHWATCH_CONTROLLER: 'Acme' }, 'dpo.name'],
  ])('refuses an unusable configuration with a ConfigError naming the setting (%#)', (vars, message) => {
    const read = () => readNotificationConfig(env(vars));
    expect(read).toThrow(ConfigError);
    expect(read).toThrow(message);
  });
});
