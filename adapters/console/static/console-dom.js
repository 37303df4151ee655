// biome-ignore-all lint/correctness/noUnusedVariables: declarations used by the later parts, inlined into one module script.
// breachwatch console, part 1 of 4: DOM building, UTC formatting, the live Art. 33 clocks and the API call.
// The four parts are inlined in order as one module script (see console-page.ts); no build step.
// Every value from the API reaches the page through text nodes (never innerHTML), so markup renders as text.

const api = `${location.pathname.replace(/\/+$/, '')}/api`;
const $ = (selector) => document.querySelector(selector);
let serverOffsetMs = 0;

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

const serverNow = () => Date.now() + serverOffsetMs;
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
  if (body.now) serverOffsetMs = Date.parse(body.now) - Date.now();
  return { ok: res.ok, status: res.status, body };
}
