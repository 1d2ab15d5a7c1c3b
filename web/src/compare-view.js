// Two positions side by side: every question's verdict under each, the ones that differ marked
// in words, and for each literal that differs the crux the library's `diff` finds.
import { h, badge, ticks } from './dom.js';

/**
 * @param {HTMLElement} container
 * @param {any} table the verdict table
 * @param {string} a
 * @param {string} b
 * @param {{diff: {a: string, b: string, differences: Array<{literal: string, a: string, b: string, crux: string[]}>}} | null} diff
 */
export function renderCompare(container, table, a, b, diff) {
  const ia = table.positions.findIndex((p) => p.name === a);
  const ib = table.positions.findIndex((p) => p.name === b);
  const title = (i) => table.positions[i]?.title;
  const crux = new Map((diff?.diff.differences ?? []).map((d) => [d.literal, d]));
  const t = h('table', { class: 'compare' },
    h('caption', {}, `The questions under ${a} and ${b}, side by side`),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Question'),
      h('th', { scope: 'col', title: title(ia) }, a), h('th', { scope: 'col', title: title(ib) }, b))));
  let differing = 0;
  for (const g of table.queries) {
    const body = h('tbody', {}, h('tr', { class: 'group' }, h('th', { colspan: 3, scope: 'colgroup' }, g.text ?? 'Query', ' ', h('code', {}, g.query))));
    for (const r of g.results) {
      const va = r.verdicts[ia];
      const vb = r.verdicts[ib];
      const same = va.verdict === vb.verdict && va.strictly === vb.strictly;
      if (!same) differing += 1;
      const d = crux.get(r.literal);
      body.append(h('tr', { class: same ? 'same' : 'differs', 'data-literal': r.literal },
        h('th', { scope: 'row' }, r.sentence ? h('span', { class: 'sentence' }, r.sentence) : null, h('code', { class: 'lit' }, r.literal)),
        h('td', {}, badge(va)), h('td', {}, badge(vb))));
      // The crux on a full-width row of its own, under the verdicts that differ.
      if (!same) {
        body.append(h('tr', { class: 'differs crux-row' }, h('td', { colspan: 3 },
          h('strong', {}, 'They differ. Crux: '), d && d.crux.length
            ? h('ul', { class: 'crux' }, d.crux.map((c) => h('li', {}, ticks(c))))
            : h('span', { class: 'note' }, 'none found among the statements it depends on.'))));
      }
    }
    t.append(body);
  }
  const others = (diff?.diff.differences ?? []).filter((d) => !table.queries.some((g) => g.results.some((r) => r.literal === d.literal)));
  container.replaceChildren(
    h('p', { class: 'summary' }, differing === 0
      ? `${a} and ${b} agree on every question.`
      : `${a} and ${b} disagree on ${differing} question${differing === 1 ? '' : 's'}.`),
    h('div', { class: 'table-wrap' }, t));
  if (others.length) {
    container.append(h('details', { class: 'other-diffs' },
      h('summary', {}, `${others.length} other literal${others.length === 1 ? '' : 's'} (not asked by a query) differ`),
      h('ul', {}, others.map((d) => h('li', {}, h('code', {}, d.literal), `: ${a} ${d.a}, ${b} ${d.b}`,
        d.crux.length ? h('ul', { class: 'crux' }, d.crux.map((c) => h('li', {}, ticks(c)))) : null)))));
  }
}
