// What-if switches: each fact, rule and superiority that a position has can be switched off, and
// hypothetical facts added, without touching the text. The switches are sent to the engine with
// each analysis (web/src/whatif.rs carries them out through the library).
import { h } from './dom.js';

export const emptyWhatIf = () => ({ off: [], assume: [] });

export function switchKey(s) {
  return JSON.stringify([s.kind, s.literal ?? s.label ?? `${s.superior}>${s.inferior}`, s.position ?? '']);
}

/** The positions whose statements `name` has: itself, what it extends (transitively), common. */
function ancestry(outline, name) {
  const byName = new Map(outline.positions.map((p) => [p.name, p]));
  const out = new Set(['common', name]);
  const stack = [name];
  while (stack.length) {
    for (const e of byName.get(stack.pop())?.extends ?? []) {
      if (!out.has(e)) {
        out.add(e);
        stack.push(e);
      }
    }
  }
  return out;
}

/**
 * @param {HTMLElement} container
 * @param {{outline: any, whatIf: {off: any[], assume: string[]}, position: string, report: any,
 *          onChange: (w: any) => void, onPosition: (p: string) => void}} o
 */
export function renderWhatIf(container, o) {
  const { outline, whatIf } = o;
  if (!outline) {
    container.replaceChildren(h('p', {}, 'Fix the errors in the files to try a what-if.'));
    return;
  }
  const off = new Set(whatIf.off.map(switchKey));
  const mine = ancestry(outline, o.position);
  const toggle = (s) => (e) => {
    const key = switchKey(s);
    const next = { ...whatIf, off: whatIf.off.filter((x) => switchKey(x) !== key) };
    if (!e.target.checked) next.off.push(s);
    o.onChange(next);
  };
  const item = (s, text, place) => {
    const id = `wi-${btoa(unescape(encodeURIComponent(switchKey(s)))).replace(/[^A-Za-z0-9]/g, '')}`;
    return h('li', {}, h('input', {
      type: 'checkbox', id, checked: !off.has(switchKey(s)), 'data-switch': switchKey(s), onchange: toggle(s),
    }), h('label', { for: id }, h('code', {}, text), h('span', { class: 'loc' }, ` ${place.file}:${place.line}`)));
  };
  const positionSelect = h('select', { id: 'whatif-position', onchange: (e) => o.onPosition(e.target.value) },
    outline.positions.map((p) => h('option', { value: p.name, selected: p.name === o.position }, p.title ? `${p.name} — ${p.title}` : p.name)));
  const facts = outline.facts.filter((f) => mine.has(f.position));
  const rules = outline.rules.filter((r) => mine.has(r.position));
  const sups = outline.superiorities.filter((s) => mine.has(s.position));
  const group = (title, list) => h('fieldset', { class: 'switches' }, h('legend', {}, `${title} (${list.length})`),
    list.length ? h('ul', {}, list) : h('p', { class: 'note' }, 'none'));
  const input = h('input', { id: 'assume-input', type: 'text', placeholder: 'e.g. head_of_state(assad, syria)', autocomplete: 'off', spellcheck: 'false' });
  const form = h('form', {
    class: 'assume',
    onsubmit: (e) => {
      e.preventDefault();
      const lit = input.value.trim().replace(/\.$/, '');
      if (!lit) return;
      o.onChange({ ...whatIf, assume: [...whatIf.assume, lit] });
    },
  }, h('label', { for: 'assume-input' }, 'Add a hypothetical fact'), input, h('button', { type: 'submit' }, 'Add'));
  const assumed = whatIf.assume.length ? h('ul', { class: 'assumed' }, whatIf.assume.map((lit, i) => h('li', {},
    h('code', {}, `${lit}.`), ' ',
    h('button', { type: 'button', onclick: () => o.onChange({ ...whatIf, assume: whatIf.assume.filter((_, k) => k !== i) }) }, `Remove ${lit}`)))) : null;
  const report = o.report;
  const problems = report?.diagnostics?.length ? h('ul', { class: 'diagnostics' }, report.diagnostics.map((d) => h('li', { class: d.severity, 'data-code': d.code },
    `${d.code}: ${d.message}`, d.help ? h('span', { class: 'help' }, ` — ${d.help}`) : null))) : null;
  const unknown = report?.unknown?.length ? h('p', { class: 'note' }, `Not found in the files any more: ${report.unknown.map((u) => u.literal ?? u.label ?? `${u.superior} > ${u.inferior}`).join(', ')}.`) : null;
  container.replaceChildren(...[
    h('p', {}, 'Switch a statement off to see the verdicts without it, or add a hypothetical fact: the text stays as it is. ',
      'A statement switched off is as if it had not been written, in every position that has it (a rule takes with it the priorities and rejections that name it); a hypothetical fact holds in every position. ',
      'The verdict table marks each verdict that changes.'),
    h('p', {}, h('label', { for: 'whatif-position' }, 'Show the statements that this position has: '), positionSelect),
    h('button', { type: 'button', id: 'whatif-reset', disabled: whatIf.off.length + whatIf.assume.length === 0, onclick: () => o.onChange(emptyWhatIf()) }, 'Reset the what-if'),
    form, assumed, problems, unknown,
    group('Facts', facts.map((f) => item({ kind: 'fact', literal: f.literal, position: f.position }, `${f.literal}.`, f.place))),
    group('Rules', rules.map((r) => item({ kind: 'rule', label: r.label }, r.text, r.place))),
    group('Superiorities', sups.map((s) => item({ kind: 'superiority', superior: s.superior, inferior: s.inferior, position: s.position }, `${s.superior} > ${s.inferior}.`, s.place))),
  ].filter(Boolean));
}
