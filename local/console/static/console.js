// breachwatch console: vanilla JS, no build step. Every value from the API reaches the page through
// text nodes (never innerHTML), so a title holding markup renders as text.

const api = `${location.pathname.replace(/\/+$/, '')}/api`;
const $ = (selector) => document.querySelector(selector);
const state = { incidents: [], detail: undefined, selected: undefined, offsetMs: 0, openForm: undefined };

/** Builds an element: `attrs` are attributes, `on*` functions become listeners; strings become text nodes. */
function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    if (key.startsWith('on')) el.addEventListener(key.slice(2), value);
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children.flat(Infinity)) if (child !== undefined && child !== null) el.append(child);
  return el;
}

const serverNow = () => Date.now() + state.offsetMs;
const utc = (iso) => (iso ? `${iso.slice(0, 10)} ${iso.slice(11, 19)}` : '–');
const plural = (n, word) => `${n} ${word}${n === 1 ? '' : 's'}`;
const act = (a) => (a ? `${a.by}, ${utc(a.at)}` : undefined);

function duration(ms) {
  const s = Math.floor(Math.abs(ms) / 1000);
  const hours = Math.floor(s / 3600);
  const pad = (n) => String(n).padStart(2, '0');
  return `${hours} h ${pad(Math.floor((s % 3600) / 60))} m ${pad(s % 60)} s`;
}

/** The Art. 33 clock as a class and a line of text at the (server-aligned) current time. */
function clockView(c) {
  if (c.state === 'not-started') return { cls: 'clock-not-started', text: 'clock not started' };
  if (c.state === 'notified')
    return { cls: 'clock-notified', text: `authority notified ${c.onTime ? 'in time' : 'late'}` };
  if (c.state === 'not-required') return { cls: 'clock-not-required', text: 'register only, not notifiable' };
  const left = Date.parse(c.deadline) - serverNow();
  if (left < 0) return { cls: 'clock-overdue', text: `overdue by ${duration(left)}` };
  const cls = left <= 6 * 3600e3 ? 'clock-urgent' : left <= 24 * 3600e3 ? 'clock-soon' : 'clock-running';
  return { cls, text: `${duration(left)} left` };
}

/** A live clock element; `tick` refreshes every one on the page each second. */
function clock(countdown, extraClass = '') {
  const el = h('span', { class: `clock ${extraClass}`, 'data-clock': JSON.stringify(countdown) });
  paintClock(el);
  return el;
}
function paintClock(el) {
  const view = clockView(JSON.parse(el.dataset.clock));
  el.className = el.className.replace(/\bclock-[\w-]+/g, '').trim();
  el.classList.add(view.cls);
  if (el.textContent !== view.text) el.textContent = view.text;
  el.closest('.countdown')?.setAttribute('class', `countdown ${view.cls}`);
}
setInterval(() => document.querySelectorAll('[data-clock]').forEach(paintClock), 1000);

async function request(path, options = {}) {
  const res = await fetch(`${api}${path}`, { ...options, headers: { accept: 'application/json', ...options.headers } });
  const body = await res.json().catch(() => ({ error: `HTTP ${res.status}` }));
  if (body.now) state.offsetMs = Date.parse(body.now) - Date.now();
  return { ok: res.ok, status: res.status, body };
}

async function loadList() {
  const all = $('#show-all').checked;
  const { ok, body } = await request(`/incidents${all ? '?all=true' : ''}`);
  if (!ok) {
    $('#list-status').textContent = `Could not load incidents: ${body.error}`;
    return;
  }
  state.incidents = body.incidents;
  $('#viewer').textContent = body.viewer;
  $('#list-heading').textContent = all ? 'All incidents' : 'Open incidents';
  $('#list-status').textContent =
    body.incidents.length === 0 ? 'No incidents. breachwatch is watching.' : `${body.incidents.length} incident(s)`;
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
    { 'data-id': i.id, 'aria-selected': String(i.id === state.selected), onclick: select },
    h('td', {}, h('span', { class: `chip sev-${i.severityBand}` }, `${i.severityBand} ${i.severity.toFixed(1)}`)),
    h(
      'td',
      {},
      h('a', { class: 'title-link', href: `#incident=${encodeURIComponent(i.id)}`, onclick: select }, i.title),
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
  for (const tr of document.querySelectorAll('#incidents tbody tr'))
    tr.setAttribute('aria-selected', String(tr.dataset.id === id));
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

function actionForm(a, problems) {
  const invalid = (name) => problems.some((p) => p.startsWith(`${name}:`));
  const input = (f) => {
    const common = {
      id: `f-${f.name}`,
      name: f.name,
      'aria-invalid': String(invalid(f.name)),
      'aria-describedby': f.hint ? `f-${f.name}-hint` : undefined,
    };
    if (f.kind === 'textarea') return h('textarea', common);
    if (f.kind === 'select')
      return h(
        'select',
        common,
        h('option', { value: '' }, 'Choose…'),
        f.options.map((o) => h('option', { value: o.value }, o.label)),
      );
    return h('input', {
      ...common,
      type: f.kind === 'datetime' ? 'datetime-local' : f.kind,
      step: f.kind === 'number' ? 'any' : undefined,
    });
  };
  const form = h(
    'form',
    { class: 'action-form', novalidate: true, 'aria-label': a.label, 'data-form': a.action },
    a.fields.map((f) =>
      h(
        'div',
        { class: 'field' },
        h(
          'label',
          { for: `f-${f.name}` },
          f.label,
          f.required ? h('span', { class: 'req' }, ' (required)') : ' (optional)',
        ),
        input(f),
        f.hint ? h('span', { class: 'hint', id: `f-${f.name}-hint` }, f.hint) : undefined,
      ),
    ),
    h(
      'div',
      { class: 'row' },
      h('button', { type: 'submit', class: a.tone }, a.label),
      h('button', { type: 'button', onclick: () => toggleForm(a.action) }, 'Cancel'),
    ),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const values = {};
    for (const f of a.fields) {
      const raw = form.elements[f.name].value.trim();
      if (raw === '') continue;
      // The page speaks UTC throughout, so a datetime-local value is read as UTC, not the browser's zone.
      values[f.name] =
        f.kind === 'datetime' ? new Date(`${raw}Z`).toISOString() : f.kind === 'number' ? Number(raw) : raw;
    }
    submit(a, values, form);
  });
  return form;
}

async function submit(a, values, form) {
  const buttons = document.querySelectorAll('#detail button');
  for (const b of buttons) b.disabled = true;
  const { ok, body } = await request(`/incidents/${encodeURIComponent(state.selected)}/commands`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ action: a.action, expectedVersion: state.detail.incident.version, ...values }),
  });
  if (!ok) {
    for (const b of buttons) b.disabled = false;
    const reasons = body.problems?.map((p) => p.replace(/^[\w-]+: /, '')) ?? [body.error];
    $('#action-error').textContent = `Could not ${a.label.toLowerCase()}: ${reasons.join('; ')}.`;
    $('#action-notice').textContent = '';
    for (const el of form?.querySelectorAll('[name]') ?? [])
      el.setAttribute('aria-invalid', String((body.problems ?? []).some((p) => p.startsWith(`${el.name}:`))));
    return;
  }
  state.detail = body;
  state.openForm = undefined;
  renderDetail({ ok: body.changed ? `${a.label}: done.` : `${a.label}: already done, nothing changed.` });
  await loadList();
}

function evidenceSection(signals) {
  return h(
    'section',
    { 'aria-labelledby': 'evidence-h' },
    h('h3', { id: 'evidence-h' }, `Evidence (${plural(signals.length, 'signal')})`),
    h(
      'ul',
      { class: 'entries evidence' },
      signals.map((s) =>
        h(
          'li',
          {},
          h(
            'div',
            { class: 'meta' },
            h('span', { class: 'mono' }, utc(s.observedAt)),
            h('span', { class: 'tag' }, s.source),
            h('span', { class: 'tag' }, s.type),
            h('span', {}, `severity ${s.severity.toFixed(1)}`),
          ),
          h('div', {}, s.summary),
        ),
      ),
    ),
  );
}

function timelineSection(d) {
  const c = d.chain;
  const verdict = c.ok
    ? h(
        'span',
        { class: 'chain chain-ok', id: 'chain' },
        `✓ Chain verified: ${c.entries === 1 ? '1 entry' : `${c.entries} entries`}, head ${c.head.slice(0, 12)}…`,
      )
    : h('span', { class: 'chain chain-broken', id: 'chain' }, `✗ Chain broken at entry ${c.atSeq}: ${c.reason}`);
  return h(
    'section',
    { 'aria-labelledby': 'timeline-h' },
    h('h3', { id: 'timeline-h' }, 'Timeline'),
    verdict,
    h(
      'ol',
      { class: 'entries timeline' },
      d.timeline.map((e) =>
        h(
          'li',
          { 'data-seq': e.seq },
          h(
            'div',
            { class: 'meta' },
            h('span', { class: 'mono' }, utc(e.at)),
            h('span', { class: 'tag' }, e.type),
            h('span', {}, `by ${e.actor}`),
          ),
          h('div', {}, e.summary),
        ),
      ),
    ),
  );
}

function exportsSection(d) {
  const id = d.incident.id;
  const download = async (event, format) => {
    event.preventDefault();
    const res = await fetch(event.currentTarget.href);
    if (!res.ok) {
      const body = await res.json().catch(() => ({ error: `HTTP ${res.status}` }));
      $('#export-error').textContent = `${format.toUpperCase()} export: ${body.error}`;
      return;
    }
    const url = URL.createObjectURL(await res.blob());
    h('a', { href: url, download: `${id}.${format}` }).click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };
  return h(
    'section',
    { 'aria-labelledby': 'exports-h' },
    h('h3', { id: 'exports-h' }, 'Export the record'),
    h(
      'div',
      { class: 'exports' },
      d.exports.map((e) =>
        h(
          'a',
          {
            class: 'button',
            href: `${api}/incidents/${encodeURIComponent(id)}/export?format=${e.format}`,
            download: `${id}.${e.format}`,
            onclick: (event) => download(event, e.format),
          },
          `Download ${e.format.toUpperCase()}`,
        ),
      ),
    ),
    h('p', { class: 'error', role: 'alert', id: 'export-error' }),
  );
}

$('#show-all').addEventListener('change', loadList);
await loadList();
const fromHash = new URLSearchParams(location.hash.slice(1)).get('incident');
if (fromHash) await selectIncident(fromHash, false);
