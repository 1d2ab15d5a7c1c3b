// A small element builder: every text goes in as text, never as HTML.
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v == null || v === false) continue;
    if (k === 'class') el.className = v;
    else if (k === 'text') el.textContent = v;
    else if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat()) {
    if (c == null || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

export const VERDICT_ICON = { holds: '✓', denied: '✗', undecided: '?' };

/** `holds`, `holds strictly`, `undecided (conflict)` — the library's Status::text. */
export function statusText(s) {
  if (!s) return 'absent';
  if (s.strictly) return `${s.verdict} strictly`;
  if (s.verdict === 'undecided' && s.reason) return `undecided (${s.reason.replaceAll('_', ' ').replace('blocked by defeater', 'blocked by a defeater')})`;
  return s.verdict;
}

/** A verdict as a word with its icon and colour class. */
export function badge(status, extra = '') {
  const v = status?.verdict ?? 'undecided';
  return h('span', { class: `badge v-${v} ${extra}` }, h('span', { 'aria-hidden': 'true', class: 'icon' }, VERDICT_ICON[v]), ' ', statusText(status));
}

/** Library text with `code` in backticks, as text and <code> elements. */
export function ticks(text) {
  return text.split('`').map((part, i) => (i % 2 ? h('code', {}, part) : part));
}
