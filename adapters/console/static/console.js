// breachwatch console, part 4 of 4: state, the incident list, the detail pane, commands and start-up.

const state = { incidents: [], listKey: undefined, detail: undefined, selected: undefined, openForm: undefined };
/** New incidents and changes made elsewhere (Slack, the scheduler) show up without a reload. */
const POLL_MS = 30_000;

async function loadList() {
  const all = $('#show-all').checked;
  const { ok, body } = await request(`/incidents${all ? '?all=true' : ''}`);
  if (!ok) {
    $('#list-status').textContent = `Could not load incidents: ${body.error}`;
    return;
  }
  // Redraw only on change: a redraw every poll would take the keyboard focus away from the list.
  const key = JSON.stringify([all, body.incidents]);
  if (key === state.listKey) return;
  state.listKey = key;
  state.incidents = body.incidents;
  $('#viewer').textContent = body.viewer;
  $('#list-heading').textContent = all ? 'All incidents' : 'Open incidents';
  $('#list-status').textContent =
    body.incidents.length === 0 ? 'No incidents. breachwatch is watching.' : plural(body.incidents.length, 'incident');
  $('#incidents').hidden = body.incidents.length === 0;
  $('#incidents tbody').replaceChildren(...body.incidents.map(row));
}

function row(i) {
  const select = (event) => {
    event.preventDefault();
    selectIncident(i.id);
  };
  return h(
    'tr',
    { 'data-id': i.id, 'aria-current': i.id === state.selected ? 'true' : undefined, onclick: select },
    h('td', {}, h('span', { class: `chip sev-${i.severityBand}` }, `${i.severityBand} ${i.severity.toFixed(1)}`)),
    h(
      'td',
      {},
      h(
        'a',
        { class: 'title-link', href: `#incident=${encodeURIComponent(i.id)}`, title: i.title, onclick: select },
        i.title,
      ),
      h(
        'div',
        { class: 'entity' },
        `${i.category} · ${i.entity.type} ${i.entity.id} · ${plural(i.signalCount, 'signal')} · last seen ${utc(i.lastSeen)}`,
      ),
    ),
    h('td', {}, h('span', { class: `status status-${i.status}` }, i.status)),
    h('td', {}, clock(i.countdown)),
  );
}

async function selectIncident(id, focus = true) {
  state.selected = id;
  state.openForm = undefined;
  history.replaceState(null, '', `#incident=${encodeURIComponent(id)}`);
  for (const tr of document.querySelectorAll('#incidents tbody tr')) {
    if (tr.dataset.id === id) tr.setAttribute('aria-current', 'true');
    else tr.removeAttribute('aria-current');
  }
  const { ok, body } = await request(`/incidents/${encodeURIComponent(id)}`);
  if (!ok) return void $('#detail').replaceChildren(h('p', { class: 'error', role: 'alert' }, body.error));
  state.detail = body;
  renderDetail();
  if (focus) $('#detail').focus();
}

function renderDetail(message) {
  const d = state.detail;
  const i = d.incident;
  const w = i.workflow;
  const facts = [
    ['Category', i.category],
    ['Entity', `${i.entity.type} ${i.entity.id}`],
    ['Sources', i.sources.join(', ')],
    ['First seen', utc(i.firstSeen)],
    ['Last seen', utc(i.lastSeen)],
    ['Acknowledged', act(w.acknowledged)],
    ['Aware (Art. 33)', act(w.awareness)],
    ['Dismissed', w.dismissal && `${act(w.dismissal)}: ${w.dismissal.reason}`],
    ['Decision', w.decision && `${w.decision.outcome} (${act(w.decision)}): ${w.decision.reasoning}`],
    ...(w.authorityNotifications ?? []).map((n) => [`Authority, phase ${n.phase}`, `${n.authority} (${act(n)})`]),
    ['Data subjects', w.subjects && `${w.subjects.outcome} (${act(w.subjects)})`],
    ['Closed', act(w.closed)],
  ].filter(([, value]) => value);
  const since = i.countdown.awareAt
    ? `Aware since ${utc(i.countdown.awareAt)} (${w.awareness?.by}). Due ${utc(i.countdown.deadline)} UTC, 72 h later.`
    : 'Starts when a person confirms the breach (awareness, EDPB 9/2022).';
  $('#detail').replaceChildren(
    h(
      'header',
      {},
      h(
        'div',
        { class: 'chips' },
        h('span', { class: `chip sev-${i.severityBand}` }, `${i.severityBand} ${i.severity.toFixed(1)}`),
        h('span', { class: `status status-${i.status}`, id: 'detail-status' }, i.status),
      ),
      h('h2', { id: 'detail-title' }, i.title),
      h('div', { class: 'id mono muted' }, i.id),
    ),
    h(
      'div',
      { class: `countdown ${clockView(i.countdown).cls}`, id: 'countdown' },
      h('div', {}, h('h3', {}, 'Art. 33 notification deadline'), h('div', { class: 'muted' }, since)),
      clock(i.countdown, 'big'),
    ),
    h(
      'section',
      { 'aria-labelledby': 'facts-h' },
      h('h3', { id: 'facts-h' }, 'Record'),
      h(
        'dl',
        { class: 'facts' },
        facts.map(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]),
      ),
    ),
    actionsSection(d, message),
    draftSection(d) ?? '',
    evidenceSection(d.signals),
    timelineSection(d),
    exportsSection(d),
  );
}

function actionsSection(d, message) {
  const buttons = d.actions.map((a) =>
    h(
      'button',
      {
        type: 'button',
        class: a.tone,
        'data-action': a.action,
        'aria-expanded': a.fields.length > 0 ? String(state.openForm === a.action) : undefined,
        onclick: () => (a.fields.length === 0 ? submit(a, {}) : toggleForm(a.action)),
      },
      a.label,
    ),
  );
  const open = d.actions.find((a) => a.action === state.openForm);
  return h(
    'section',
    { 'aria-labelledby': 'actions-h' },
    h('h3', { id: 'actions-h' }, 'What you can do now'),
    buttons.length
      ? h('div', { class: 'actions' }, buttons)
      : h('p', { class: 'muted' }, 'No actions: the record is closed.'),
    h('p', { class: 'notice', role: 'status', id: 'action-notice' }, message?.ok ?? ''),
    h('p', { class: 'error', role: 'alert', id: 'action-error' }, message?.error ?? ''),
    open ? actionForm(open, message?.problems ?? []) : undefined,
  );
}

function toggleForm(action) {
  state.openForm = state.openForm === action ? undefined : action;
  renderDetail();
  document.querySelector('.action-form [name]')?.focus();
}

async function submit(a, values, form) {
  const buttons = document.querySelectorAll('#detail button');
  for (const b of buttons) b.disabled = true;
  const { ok, status, body } = await request(`/incidents/${encodeURIComponent(state.selected)}/commands`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ action: a.action, expectedVersion: state.detail.incident.version, ...values }),
  });
  if (status === 409) {
    // The incident moved on (someone else acted, or the action is not allowed now): show where it stands.
    const fresh = await request(`/incidents/${encodeURIComponent(state.selected)}`);
    if (fresh.ok) {
      state.detail = fresh.body;
      state.openForm = undefined;
      renderDetail({ error: `Could not ${a.label.toLowerCase()}: ${body.error}. Showing the incident as it is now.` });
      await loadList();
      return;
    }
  }
  if (!ok) {
    for (const b of buttons) b.disabled = false;
    const reasons = body.problems?.map((p) => p.replace(/^[\w-]+: /, '')) ?? [body.error];
    $('#action-error').textContent = `Could not ${a.label.toLowerCase()}: ${reasons.join('; ')}.`;
    $('#action-notice').textContent = '';
    for (const el of form?.querySelectorAll('[name]') ?? [])
      el.setAttribute('aria-invalid', String((body.problems ?? []).some((p) => p.startsWith(`${el.name}:`))));
    form?.querySelector('[aria-invalid="true"]')?.focus();
    return;
  }
  state.detail = body;
  state.openForm = undefined;
  renderDetail({ ok: body.changed ? `${a.label}: done.` : `${a.label}: already done, nothing changed.` });
  await loadList();
}

$('#show-all').addEventListener('change', loadList);
setInterval(() => document.hidden || loadList(), POLL_MS);
await loadList();
const fromHash = new URLSearchParams(location.hash.slice(1)).get('incident');
if (fromHash) await selectIncident(fromHash, false);
