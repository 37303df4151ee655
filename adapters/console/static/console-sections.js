// biome-ignore-all lint/correctness/noUnusedVariables: declarations used by the later parts, inlined into one module script.
// breachwatch console, part 2 of 4: the detail pane's sections and the action forms.

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
