import { z } from 'zod';
import { ConfigError } from '../../events/errors.js';
import type { NotificationConfig } from '../../incidents/notifications/config.js';
import { LANGUAGES } from '../../incidents/notifications/templates.js';

/** A supervisory authority; `id` becomes part of draft keys (`authority-de-be`), so it is kebab-case. */
const AuthoritySchema = z.object({
  id: z.string().regex(/^[a-z0-9-]{1,40}$/, 'expected a kebab-case id such as "de-be"'),
  name: z.string().min(1),
  country: z.string().regex(/^[A-Z]{2}$/, 'expected an ISO 3166 country code such as "DE"'),
  contact: z.string().min(1).optional(),
});

/**
 * Notification settings: controller, DPO, lead supervisory authority (Art. 56) and others concerned, languages
 * of the data-subject letters (each needs a template).
 * @example {"controller":"Acme Shop GmbH","dpo":{"name":"Erika Beispiel","email":"dpo@acme.example"},
 *           "leadAuthority":{"id":"de-be","name":"BlnBDI","country":"DE"},"subjectLanguages":["en","de"]}
 */
export const NotificationConfigSchema = z
  .object({
    controller: z.string().min(1),
    dpo: z.object({ name: z.string().min(1), email: z.email(), phone: z.string().min(1).optional() }),
    leadAuthority: AuthoritySchema,
    otherAuthorities: z.array(AuthoritySchema).optional(),
    subjectLanguages: z
      .array(z.string().refine((l) => LANGUAGES.includes(l), `expected one of ${LANGUAGES.join(', ')}`))
      .min(1)
      .optional(),
  })
  .strict()
  .refine(
    (c) =>
      new Set([c.leadAuthority.id, ...(c.otherAuthorities ?? []).map((a) => a.id)]).size ===
      1 + (c.otherAuthorities ?? []).length,
    { message: 'authority ids must be unique', path: ['otherAuthorities'] },
  );

function json(env: NodeJS.ProcessEnv, name: string): unknown {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  try {
    return JSON.parse(raw);
  } catch (error) {
    throw new ConfigError(`${name} is not valid JSON`, { cause: error });
  }
}

const NAMED = [
  'BREACHWATCH_CONTROLLER',
  'BREACHWATCH_DPO_NAME',
  'BREACHWATCH_DPO_EMAIL',
  'BREACHWATCH_DPO_PHONE',
  'BREACHWATCH_LEAD_AUTHORITY',
  'BREACHWATCH_OTHER_AUTHORITIES',
  'BREACHWATCH_SUBJECT_LANGUAGES',
] as const;

/**
 * Reads the notification settings: `BREACHWATCH_NOTIFICATION_CONFIG` (the whole object as JSON), each field
 * overridable by a named variable: `BREACHWATCH_CONTROLLER`, `BREACHWATCH_DPO_NAME|EMAIL|PHONE`,
 * `BREACHWATCH_LEAD_AUTHORITY` and `BREACHWATCH_OTHER_AUTHORITIES` (JSON), `BREACHWATCH_SUBJECT_LANGUAGES`
 * (`en,de`). With none set, `fallback` (the local demo) or a `ConfigError` saying what to set.
 * @example readNotificationConfig({ BREACHWATCH_NOTIFICATION_CONFIG: '{"controller":"Acme",…}' })
 */
export function readNotificationConfig(
  env: NodeJS.ProcessEnv = process.env,
  fallback?: NotificationConfig,
): NotificationConfig {
  const whole = json(env, 'BREACHWATCH_NOTIFICATION_CONFIG');
  if (whole === undefined && NAMED.every((n) => !env[n])) {
    if (fallback) return fallback;
    throw new ConfigError(
      'notification settings are not configured: set BREACHWATCH_NOTIFICATION_CONFIG (JSON with controller, dpo, ' +
        `leadAuthority, otherAuthorities, subjectLanguages) or the variables ${NAMED.join(', ')}`,
    );
  }
  if (whole !== undefined && (typeof whole !== 'object' || whole === null || Array.isArray(whole)))
    throw new ConfigError('BREACHWATCH_NOTIFICATION_CONFIG must be a JSON object');
  const base = (whole ?? {}) as Record<string, unknown>;
  const dpo = { ...((base.dpo as object | undefined) ?? {}) } as Record<string, unknown>;
  if (env.BREACHWATCH_DPO_NAME) dpo.name = env.BREACHWATCH_DPO_NAME;
  if (env.BREACHWATCH_DPO_EMAIL) dpo.email = env.BREACHWATCH_DPO_EMAIL;
  if (env.BREACHWATCH_DPO_PHONE) dpo.phone = env.BREACHWATCH_DPO_PHONE;
  const merged: Record<string, unknown> = { ...base, dpo };
  if (env.BREACHWATCH_CONTROLLER) merged.controller = env.BREACHWATCH_CONTROLLER;
  const lead = json(env, 'BREACHWATCH_LEAD_AUTHORITY');
  if (lead !== undefined) merged.leadAuthority = lead;
  const others = json(env, 'BREACHWATCH_OTHER_AUTHORITIES');
  if (others !== undefined) merged.otherAuthorities = others;
  if (env.BREACHWATCH_SUBJECT_LANGUAGES)
    merged.subjectLanguages = env.BREACHWATCH_SUBJECT_LANGUAGES.split(',').map((l) => l.trim());
  const parsed = NotificationConfigSchema.safeParse(merged);
  if (!parsed.success)
    throw new ConfigError(
      `notification settings: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`,
    );
  const config: NotificationConfig = parsed.data;
  return config;
}
