/** A supervisory authority (Art. 51); `id` is ours, e.g. `de-be` for Berlin's BlnBDI. */
export interface SupervisoryAuthority {
  id: string;
  name: string;
  country: string;
  /** Where submissions go: a portal URL or an address. */
  contact?: string;
}

/** The data protection officer's contact, required in both letters (Art. 33(3)(b), 34(2)). */
export interface DpoContact {
  name: string;
  email: string;
  phone?: string;
}

/**
 * Notification configuration: the controller, its DPO and the lead supervisory authority (Art. 56
 * one-stop-shop), plus authorities concerned that are also notified when the DPO chooses to.
 */
export interface NotificationConfig {
  controller: string;
  dpo: DpoContact;
  leadAuthority: SupervisoryAuthority;
  otherAuthorities?: SupervisoryAuthority[];
  /** Languages of the data-subject communication (default `['en']`). */
  subjectLanguages?: string[];
}

/** The authorities to notify: the lead one first, then the others when `all` is asked for. */
export function authoritiesToNotify(config: NotificationConfig, all = false): SupervisoryAuthority[] {
  return all ? [config.leadAuthority, ...(config.otherAuthorities ?? [])] : [config.leadAuthority];
}

/**
 * The local demo's settings (`npm start`, tests): a Berlin controller whose lead authority is BlnBDI, with
 * Bavaria's BayLDA concerned. Fictitious contacts; AWS deployments must configure their own.
 */
export const DEMO_NOTIFICATION_CONFIG: NotificationConfig = {
  controller: 'Acme Shop GmbH (demo)',
  dpo: { name: 'Demo DPO', email: 'dpo@acme.example' },
  leadAuthority: {
    id: 'de-be',
    name: 'Berliner Beauftragte für Datenschutz und Informationsfreiheit',
    country: 'DE',
    contact: 'https://www.datenschutz-berlin.de',
  },
  otherAuthorities: [{ id: 'de-by', name: 'Bayerisches Landesamt für Datenschutzaufsicht', country: 'DE' }],
  subjectLanguages: ['en', 'de'],
};
