import { parseArgs } from 'node:util';
import { authorityDraftOf } from '../../adapters/authority-drafts.js';
import { DraftStore } from '../../adapters/draft-store.js';
import { ConfigError } from '../../events/errors.js';
import { readNotificationConfig } from '../../functions/lib/notification-config.js';
import {
  type AuthorityNotificationContent,
  authoritiesToNotify,
  authorityDraftEdits,
  DEMO_NOTIFICATION_CONFIG,
  type Draft,
  DraftEditError,
  EDITABLE_AUTHORITY_FIELDS,
  missingArt33Fields,
  parseFieldAssignments,
} from '../../incidents/notifications/index.js';
import { DEFAULT_STORE_DIR, startRuntime } from '../runtime.js';

type Content = AuthorityNotificationContent;

/** The draft as printed: what it is, its version history entry and what Art. 33(3) still lacks. */
const view = (draft: Draft<Content>, versions: number) => ({
  kind: draft.kind,
  version: draft.version,
  versions,
  createdAt: draft.createdAt,
  createdBy: draft.createdBy,
  ...(draft.note ? { note: draft.note } : {}),
  missing: missingArt33Fields(draft.content),
  content: draft.content,
});

/**
 * `breachwatch draft INCIDENT [--show] [--set field=value]… [--authority ID] [--by PERSON] [--note TEXT]
 * [--language en|de] [--store DIR]`: the Art. 33 notification draft for an authority (the lead one by default).
 * `--show` prints the latest version (or, before any, the pre-filled one, unsaved); each `--set` run saves a
 * new version (version 1, pre-filled from the evidence, is saved first), never overwriting one.
 */
export const draft = async (args: string[]): Promise<number> => {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      show: { type: 'boolean' },
      set: { type: 'string', multiple: true },
      authority: { type: 'string' },
      by: { type: 'string' },
      note: { type: 'string' },
      language: { type: 'string', default: 'en' },
      store: { type: 'string' },
    },
  });
  const [id, ...extra] = positionals;
  if (!id || extra.length) throw new ConfigError('draft takes exactly one incident id');
  const fields = parseFieldAssignments(values.set ?? []);
  if (!values.show && Object.keys(fields).length === 0)
    throw new ConfigError('draft: nothing to do; give --show or one or more --set field=value');
  const unknown = Object.keys(fields).filter((f) => !EDITABLE_AUTHORITY_FIELDS.includes(f));
  if (unknown.length > 0)
    throw new DraftEditError(unknown[0]!, `not an editable field; editable: ${EDITABLE_AUTHORITY_FIELDS.join(', ')}`);
  const by = values.by ?? process.env.USER ?? 'cli';
  const config = readNotificationConfig(process.env, DEMO_NOTIFICATION_CONFIG);
  const authorities = authoritiesToNotify(config, true).map((a) => a.id);
  const authorityId = values.authority ?? config.leadAuthority.id;
  if (!authorities.includes(authorityId))
    throw new ConfigError(`--authority ${authorityId}: not configured; expected one of ${authorities.join(', ')}`);
  const runtime = await startRuntime({ storeDir: values.store ?? DEFAULT_STORE_DIR });
  try {
    const drafts = new DraftStore(runtime.store);
    const request = { config, authorityId, by, language: values.language, at: new Date().toISOString() };
    const { kind, first } = await authorityDraftOf(runtime.store, id, request);
    if (Object.keys(fields).length === 0) {
      const latest = await drafts.latest<Content>(id, kind);
      const shown = latest ? view(latest, latest.version) : { ...view(first(), 0), unsaved: true };
      console.log(JSON.stringify(shown, null, 2));
      return 0;
    }
    const base = await drafts.latestOrFirst<Content>(id, kind, first);
    const edits = authorityDraftEdits(base.content, fields);
    const saved = await drafts.revise<Content>(id, kind, edits, by, new Date().toISOString(), values.note);
    if (values.show) console.log(JSON.stringify(view(saved, saved.version), null, 2));
    const missing = missingArt33Fields(saved.content);
    console.error(
      `breachwatch draft: saved ${kind} v${saved.version} (${Object.keys(fields).join(', ')})` +
        (missing.length ? `; Art. 33(3) still missing: ${missing.join(', ')}` : '; every Art. 33(3) field is filled'),
    );
    return 0;
  } finally {
    await runtime.stop();
  }
};
