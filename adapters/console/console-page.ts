import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

/** The console page and the headers that confine it. */
export interface ConsolePage {
  html: string;
  headers: Record<string, string>;
}

/** The page's script in parts (DOM and clocks, sections and forms, the draft form, the app), inlined in this order. */
const SCRIPT_PARTS = ['console-dom.js', 'console-sections.js', 'console-draft.js', 'console.js'];
const read = (name: string) => readFileSync(new URL(`./static/${name}`, import.meta.url), 'utf8');
const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/**
 * Builds the single self-contained page from `static/console.html`, `console.css` and the script parts: the style and script are
 * inlined, and the Content-Security-Policy allows exactly those two by hash, so injected markup cannot run.
 */
export function loadConsolePage(): ConsolePage {
  const style = `\n${read('console.css')}`;
  const script = `\n${SCRIPT_PARTS.map(read).join('\n')}`;
  const html = read('console.html')
    .replace('<!-- style -->', () => `<style>${style}</style>`)
    .replace('<!-- script -->', () => `<script type="module">${script}</script>`);
  const csp = [
    "default-src 'none'",
    `style-src ${sha256(style)}`,
    `script-src ${sha256(script)}`,
    "connect-src 'self'",
    "img-src 'self' data:",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
  return {
    html,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': csp,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cache-control': 'no-store',
    },
  };
}
