// biome-ignore-all lint/correctness/noUnusedVariables: declarations used by the later parts, inlined into one module script.
// breachwatch console, part 3 of 4: the Art. 33(3) authority notification draft, edited as new versions.

const DRAFT_LABELS = {
  controller: 'Controller',
  nature: 'Nature of the breach (Art. 33(3)(a))',
  breachTypes: 'Breach types (confidentiality, integrity, availability)',
  dataCategories: 'Categories of personal data (separate with ;)',
  art9: 'Special categories, Art. 9 (true or false)',
  subjectCategories: 'Categories of data subjects (separate with ;)',
  approxSubjects: 'Approximate number of data subjects (min-max)',
  approxRecords: 'Approximate number of records',
  'dpo.name': 'DPO or contact point (Art. 33(3)(b))',
  'dpo.email': 'DPO e-mail',
  'dpo.phone': 'DPO phone',
  likelyConsequences: 'Likely consequences (Art. 33(3)(c))',
  measuresTaken: 'Measures taken (Art. 33(3)(d); separate with ;)',
  measuresProposed: 'Measures proposed (separate with ;)',
  delayReason: 'Reasons for the delay, past 72 h (Art. 33(1))',
};
/** The draft section survives re-renders of the detail pane, so typing is not lost when a form toggles. */
const draftPane = { id: undefined, el: undefined, authority: undefined };

/** The draft section, once the breach is confirmed (before that there is nothing to notify). */
function draftSection(d) {
  if (!d.incident.workflow.awareness) return undefined;
  if (draftPane.id === d.incident.id && draftPane.el) return draftPane.el;
  draftPane.id = d.incident.id;
  draftPane.authority = undefined;
  draftPane.el = h('section', { 'aria-labelledby': 'draft-h', id: 'draft' });
  void loadDraft();
  return draftPane.el;
}

async function loadDraft(message) {
  const q = draftPane.authority ? `?authority=${encodeURIComponent(draftPane.authority)}` : '';
  const { ok, body } = await request(`/incidents/${encodeURIComponent(draftPane.id)}/draft${q}`);
  renderDraft(ok ? body : undefined, ok ? message : { error: body.error });
}

function renderDraft(draft, message) {
  const heading = h('h3', { id: 'draft-h' }, 'Authority notification draft (Art. 33(3))');
  if (!draft) return draftPane.el.replaceChildren(heading, h('p', { class: 'error', role: 'alert' }, message.error));
  const status = draft.unsaved
    ? 'Pre-filled from the evidence; not saved yet.'
    : `Version ${draft.version}, saved by ${draft.createdBy} at ${utc(draft.createdAt)} UTC. Every save is a new version.`;
  const missing = draft.missing.length
    ? `Art. 33(3) still missing: ${draft.missing.join(', ')}.`
    : 'Every Art. 33(3) field is filled.';
  const authority = h(
    'select',
    { id: 'draft-authority', 'aria-label': 'Authority' },
    draft.authorities.map((a) =>
      h('option', { value: a.id, selected: a.id === draft.authority.id }, `${a.name} (${a.id})`),
    ),
  );
  authority.addEventListener('change', () => {
    draftPane.authority = authority.value;
    void loadDraft();
  });
  const form = h(
    'form',
    { class: 'action-form', novalidate: true, 'aria-label': 'Authority notification draft', 'data-form': 'draft' },
    draft.editable.map((name) =>
      h(
        'div',
        { class: 'field' },
        h('label', { for: `d-${name}` }, DRAFT_LABELS[name] ?? name),
        h('textarea', { id: `d-${name}`, name, rows: 2 }, draft.fields[name]),
      ),
    ),
    h(
      'div',
      { class: 'field' },
      h('label', { for: 'd-note' }, 'Note on this version (optional)'),
      h('input', { id: 'd-note', name: 'note' }),
    ),
    h('div', { class: 'row' }, h('button', { type: 'submit' }, 'Save as new version')),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const fields = {};
    for (const name of draft.editable)
      if (form.elements[name].value !== draft.fields[name]) fields[name] = form.elements[name].value;
    if (Object.keys(fields).length === 0) return renderDraft(draft, { ok: 'Nothing changed; no version saved.' });
    const note = form.elements.note.value.trim() || undefined;
    const { ok, body } = await request(`/incidents/${encodeURIComponent(draftPane.id)}/draft`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ authority: draft.authority.id, fields, note }),
    });
    if (!ok) {
      $('#draft-error').textContent = `Could not save: ${body.error}`;
      return;
    }
    renderDraft(body, { ok: `Saved version ${body.version}.` });
  });
  draftPane.el.replaceChildren(
    heading,
    h('div', { class: 'row' }, h('label', { for: 'draft-authority' }, 'Authority '), authority),
    h('p', { class: 'muted', id: 'draft-status' }, status, ' ', missing),
    h('p', { class: 'notice', role: 'status', id: 'draft-notice' }, message?.ok ?? ''),
    h('p', { class: 'error', role: 'alert', id: 'draft-error' }, message?.error ?? ''),
    form,
  );
}
