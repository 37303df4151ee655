export {
  ART33_3_FIELDS,
  type AuthorityNotificationContent,
  type DraftInput,
  draftAuthorityNotifications,
  evidenceLine,
  missingArt33Fields,
} from './authority-draft.js';
export {
  authoritiesToNotify,
  DEMO_NOTIFICATION_CONFIG,
  type DpoContact,
  type NotificationConfig,
  type SupervisoryAuthority,
} from './config.js';
export {
  authorityDraftEdits,
  authorityDraftFields,
  EDITABLE_AUTHORITY_FIELDS,
  parseFieldAssignments,
} from './draft-edits.js';
export { type Draft, DraftKind, draftKind, firstDraft, reviseDraft } from './drafts.js';
export { DraftEditError, DraftRevisionError, TemplateError } from './errors.js';
export { draftSubjectCommunication, type SubjectCommunicationContent } from './subject-draft.js';
export { fill, LANGUAGES, TEMPLATES, type Template, templateFor } from './templates.js';
