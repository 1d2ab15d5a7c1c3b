// The verdict table: queries × positions, the JSON of `argcheck eval --format json` as HTML.
// Every cell is a button (keyboard-focusable, arrow keys move between cells) that carries
// data-literal, data-position and data-verdict, shows its verdict as a word and an icon as well
// as a colour, and under a what-if says what it was before (`holds → denied`).
import { h, VERDICT_ICON, statusText } from './dom.js';

/**
 * @param {HTMLElement} container
 * @param {any} table
 * @param {{changes?: Array<{literal: string, position: string, before: string|null, after: string|null}>,
 *          selected?: {literal: string, position: string}, onSelect: (literal: string, position: string) => void}} opts
 */
export function renderTable(container, table, opts) {
  const changed = new Map();
  for (const c of opts.changes ?? []) changed.set(`${c.literal}\u0000${c.position}`, c);
  const cols = table.positions;
  const head = h('tr', {}, h('th', { scope: 'col' }, 'Question'),
    cols.map((c) => h('th', { scope: 'col', title: c.title ?? (c.name === 'common' ? 'common ground: every argument, no party’s ranking' : null) },
      h('span', { class: 'pos-name' }, c.name.replaceAll('_', '_\u200b')))));
  const el = h('table', { class: 'verdicts' },
    h('caption', {}, 'Each question under common ground and every position. Choose a verdict to see why.'),
    h('thead', {}, head));
  for (const g of table.queries) {
    const body = h('tbody');
    body.append(h('tr', { class: 'group' }, h('th', { scope: 'colgroup', colspan: cols.length + 1 },
      g.text ?? 'Query', ' ', h('code', {}, g.query))));
    if (g.results.length === 0) {
      body.append(h('tr', {}, h('td', { colspan: cols.length + 1, class: 'note' }, 'no matching literal')));
    }
    for (const r of g.results) {
      const tr = h('tr', {}, h('th', { scope: 'row' },
        r.sentence ? h('span', { class: 'sentence' }, r.sentence) : null,
        h('code', { class: 'lit' }, r.literal)));
      for (const v of r.verdicts) {
        const ch = changed.get(`${r.literal}\u0000${v.position}`);
        const word = statusText(v);
        const selected = opts.selected?.literal === r.literal && opts.selected?.position === v.position;
        const label = `${r.literal} under ${v.position}: ${word}${ch ? ` (was ${ch.before ?? 'absent'})` : ''}`;
        const button = h('button', {
          type: 'button',
          class: `cell v-${v.verdict}${ch ? ' changed' : ''}${selected ? ' selected' : ''}`,
          'data-literal': r.literal,
          'data-position': v.position,
          'data-verdict': v.verdict,
          'data-status': word,
          'data-changed': ch ? (ch.before ?? 'absent') : null,
          'aria-pressed': selected ? 'true' : 'false',
          'aria-label': label,
          onclick: (e) => opts.onSelect(r.literal, v.position, e),
        },
        ch ? h('span', { class: 'was' }, `${ch.before ?? 'absent'} →`) : null,
        h('span', { class: 'main' }, h('span', { class: 'icon', 'aria-hidden': 'true' }, VERDICT_ICON[v.verdict]), ' ',
          h('span', { class: 'word' }, v.verdict)),
        word !== v.verdict ? h('small', {}, word.slice(v.verdict.length).trim().replace(/^\((.*)\)$/, '$1')) : null);
        tr.append(h('td', {}, button));
      }
      body.append(tr);
    }
    el.append(body);
  }
  el.addEventListener('keydown', arrowKeys);
  container.replaceChildren(el, legend(cols));
}

function legend(cols) {
  return h('details', { class: 'legend' }, h('summary', {}, 'Positions and verdicts'),
    h('dl', {}, cols.map((c) => [h('dt', {}, c.name), h('dd', {}, c.title ?? (c.name === 'common' ? 'Common ground: the statements outside every position, no party’s ranking.' : '—'))])),
    h('p', {}, '✓ holds: the conclusion follows under that position. ✗ denied: its negation follows. ? undecided: neither (the reason is given). “strictly” means by strict rules and facts alone.'));
}

/** Arrow keys move between cells; Home and End go to the row's ends. */
function arrowKeys(e) {
  const cell = e.target.closest?.('button.cell');
  if (!cell) return;
  const td = cell.parentElement;
  const tr = td.parentElement;
  const col = [...tr.children].indexOf(td);
  const rows = [...e.currentTarget.querySelectorAll('tr')].filter((r) => r.querySelector('button.cell'));
  const row = rows.indexOf(tr);
  let target = null;
  const at = (r, c) => rows[r]?.children[c]?.querySelector('button.cell');
  switch (e.key) {
    case 'ArrowRight': target = at(row, col + 1); break;
    case 'ArrowLeft': target = at(row, col - 1); break;
    case 'ArrowDown': target = at(row + 1, col); break;
    case 'ArrowUp': target = at(row - 1, col); break;
    case 'Home': target = at(row, 1); break;
    case 'End': target = at(row, tr.children.length - 1); break;
    default: return;
  }
  if (target) {
    e.preventDefault();
    target.focus();
  }
}
