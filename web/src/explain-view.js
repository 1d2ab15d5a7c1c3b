// The explanation renderer: the library's explanation JSON (README, "JSON output": `{position,
// root, nodes}`) as a headline, the decisive step, the collapsible tree and footnoted sources.
// This module is the one place that reads that JSON, so that it can follow the new explanation
// format of issue 15 (headline, decisive-step summary, instantiated rules, footnotes as data);
// today the headline, the decisive step and the footnotes are read off the tree.
import { h, badge } from './dom.js';

const MAX_NODES = 3000;

const STATE_WORDS = {
  applicable: 'applicable, not beaten',
  beaten: 'applicable, but beaten',
  not_applicable: 'not applicable',
  no_finite_proof: 'no finite proof of its body',
};
const REASON_WORDS = {
  unsupported: 'unsupported — no rule for it or its opposite applies',
  conflict: 'conflict — rules for both sides apply and no priority settles it',
  blocked_by_defeater: 'blocked by a defeater',
  circular: 'circular — it is supported only through a loop',
};

/**
 * @param {HTMLElement} container
 * @param {{explanation: any, text: string}} result what the engine's `explain` gives
 * @param {{title?: string}} position the position's title, for the headline
 */
export function renderExplanation(container, result, position = {}) {
  const x = result.explanation;
  const nodes = x.nodes;
  const root = nodes[x.root];
  const notes = new Footnotes();
  container.replaceChildren();

  const who = position.title ? `${x.position} (${position.title})` : x.position;
  container.append(h('p', { class: 'headline' },
    `Under ${who}: `,
    h('strong', {}, root.sentence ?? root.literal),
    root.sentence ? h('code', { class: 'lit' }, ` ${root.literal}`) : null,
    ' — ', badge(root), '.'));

  // The decisive step: what the root rests on, in words (its direct steps).
  const decisive = h('ul', { class: 'decisive' });
  for (const c of root.children) decisive.append(h('li', {}, stepLine(nodes[c], nodes, notes)));
  container.append(h('h4', {}, 'Why'), decisive);

  // The whole tree, each literal a <details> (keyboard: Tab to a line, Enter or Space opens it).
  const tree = h('ul', { class: 'tree', 'aria-label': 'The whole argument' });
  let budget = MAX_NODES;
  const shown = new Set();
  // (node, parent list, depth) — an explicit stack: a proof can be deeper than the JS stack.
  const stack = [[x.root, tree, 0]];
  while (stack.length) {
    const [id, parent, depth] = stack.pop();
    if (budget-- <= 0) {
      parent.append(h('li', { class: 'more' }, '… more steps: see “As text” below.'));
      break;
    }
    const n = nodes[id];
    if (n.kind === 'literal') {
      if (shown.has(id)) {
        parent.append(h('li', { class: 'backref' }, literalLine(n), h('span', { class: 'note' }, ' (explained above)')));
        continue;
      }
      shown.add(id);
      if (n.children.length === 0) {
        parent.append(h('li', {}, literalLine(n)));
        continue;
      }
      const list = h('ul');
      const details = h('details', { open: depth === 0 }, h('summary', {}, literalLine(n)), list);
      parent.append(h('li', {}, details));
      for (const c of [...n.children].reverse()) stack.push([c, list, depth + 1]);
    } else {
      const list = h('ul');
      const li = h('li', { class: `step step-${n.kind}` }, stepLine(n, nodes, notes));
      if (n.children.length) li.append(list);
      parent.append(li);
      for (const c of [...n.children].reverse()) stack.push([c, list, depth + 1]);
    }
  }
  container.append(h('h4', {}, 'The whole argument'), tree);

  if (notes.list.length) {
    container.append(h('h4', {}, 'Sources'), h('ol', { class: 'footnotes' },
      notes.list.map((c) => h('li', {}, h('strong', {}, c.name), ': ', c.citation))));
  }
  container.append(h('details', { class: 'as-text' }, h('summary', {}, 'As text (argcheck explain)'),
    h('pre', {}, result.text)));
}

function literalLine(n) {
  return h('span', { class: 'literal-line' },
    badge(n), ' ', n.sentence ?? n.literal, n.sentence ? h('code', { class: 'lit' }, ` ${n.literal}`) : null);
}

function ruleRef(rule, notes) {
  const parts = [h('strong', {}, rule.label)];
  if (rule.unless_of) parts.push(`, the unless exception of ${rule.unless_of}`);
  parts.push(': ', h('code', {}, rule.text));
  if (rule.source) parts.push(notes.mark(rule.source));
  parts.push(h('span', { class: 'loc' }, ` (${rule.location})`));
  return parts;
}

function stepLine(n, nodes, notes) {
  switch (n.kind) {
    case 'literal':
      return literalLine(n);
    case 'fact':
      return n.source ? ['fact, from ', h('strong', {}, n.source.name), notes.mark(n.source)] : ['fact (no source given)'];
    case 'apply':
      return [n.strict ? 'strict rule ' : 'by rule ', ...ruleRef(n.rule, notes)];
    case 'opposing':
      if (n.outcome.reason === 'beaten_by') {
        return ['against: ', ...ruleRef(n.rule, notes), ' — beaten by ', h('strong', {}, n.outcome.rule),
          ' (', h('code', {}, n.outcome.statement), `, ${n.outcome.location})`];
      }
      return ['against: ', ...ruleRef(n.rule, notes), ' — not applicable'];
    case 'involved':
      return [...ruleRef(n.rule, notes), ` — ${STATE_WORDS[n.state] ?? n.state}`];
    case 'undecided':
      return [`undecided: ${REASON_WORDS[n.reason] ?? n.reason}`];
    case 'folded':
      return ['… (folded)'];
    default:
      return [`${n.kind}`];
  }
}

/** Sources as numbered footnotes, in order of first mention. */
class Footnotes {
  constructor() {
    this.list = [];
    this.index = new Map();
  }

  mark(citation) {
    let k = this.index.get(citation.name);
    if (k === undefined) {
      this.list.push(citation);
      k = this.list.length;
      this.index.set(citation.name, k);
    }
    return h('sup', { class: 'fn', title: citation.citation }, `[${k}]`);
  }
}
