// The `.rules` language for CodeMirror: a stream tokenizer that follows the grammar
// (grammar/argcheck.pest) closely enough to colour it. It decides nothing: every diagnostic
// comes from the library.
import { StreamLanguage, HighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { tags as t, Tag } from '@lezer/highlight';

export const ruleTags = {
  label: Tag.define(t.labelName),
  predicate: Tag.define(t.variableName),
  constant: Tag.define(t.atom),
  variable: Tag.define(t.variableName),
  position: Tag.define(t.className),
  source: Tag.define(t.namespace),
  date: Tag.define(t.number),
  arrow: Tag.define(t.operator),
  negation: Tag.define(t.logicOperator),
};

const KEYWORDS = new Set([
  'source', 'predicate', 'from', 'position', 'extends', 'reject', 'retract', 'query', 'expect',
  'holds', 'denied', 'undecided', 'strictly', 'unless', 'import', 'common', 'name',
]);

function startState() {
  return {
    start: true, // at the start of a statement
    depth: 0, // inside an argument list
    next: null, // what the next name is: 'source' | 'position' | 'label'
    superiority: false, // `a > b.`
  };
}

function token(stream, state) {
  if (stream.eatSpace()) return null;
  const ch = stream.peek();
  if (ch === '#') {
    stream.skipToEnd();
    return 'comment';
  }
  if (ch === '"') {
    stream.next();
    let escaped = false;
    let c;
    while ((c = stream.next()) != null) {
      if (c === '"' && !escaped) break;
      escaped = !escaped && c === '\\';
    }
    state.start = false;
    return 'string';
  }
  if (stream.match(/^\d{4}-\d{2}-\d{2}(?![A-Za-z0-9_])/)) {
    state.start = false;
    return 'date';
  }
  if (stream.match(/^-?\d+(?![A-Za-z0-9_])/)) {
    state.start = false;
    return 'number';
  }
  if (stream.match(/^(->|=>|~>)/)) {
    state.start = false;
    state.next = null;
    return 'arrow';
  }
  if (stream.match(/^(<=|>=|!=|=|<|>)/)) {
    // `a > b.` at the start of a statement is a superiority: the second name is a label too.
    if (state.superiority) state.next = 'label';
    return 'compareOperator';
  }
  if (ch === '~') {
    stream.next();
    return 'negation';
  }
  if (ch === '.' || ch === '{' || ch === '}') {
    stream.next();
    Object.assign(state, startState());
    return ch === '.' ? 'punctuation' : 'brace';
  }
  if (ch === '(') {
    stream.next();
    state.depth += 1;
    return 'paren';
  }
  if (ch === ')') {
    stream.next();
    state.depth = Math.max(0, state.depth - 1);
    return 'paren';
  }
  if (ch === ',' || ch === ':') {
    stream.next();
    if (ch === ':' && state.next === 'position') state.next = null;
    return 'punctuation';
  }
  const variable = stream.match(/^[A-Z_][A-Za-z0-9_]*/);
  if (variable) {
    state.start = false;
    return 'variable';
  }
  const name = stream.match(/^[a-z][A-Za-z0-9_]*/);
  if (name) {
    const word = name[0];
    const atStart = state.start;
    state.start = false;
    if (state.depth > 0) return 'constant';
    if (state.next === 'source') {
      state.next = null;
      return 'source';
    }
    if (state.next === 'position' && word !== 'extends') return 'position'; // until `{` or `:`
    if (state.next === 'label') {
      state.next = null;
      return 'label';
    }
    const called = stream.match(/^\s*\(/, false);
    if (KEYWORDS.has(word) && !called && !(atStart && stream.match(/^\s*(:|>)/, false))) {
      if (word === 'from' || word === 'source') state.next = 'source';
      else if (word === 'position' || word === 'extends' || word === 'expect') state.next = 'position';
      else if (word === 'reject') state.next = 'label';
      return 'keyword';
    }
    if (atStart && stream.match(/^\s*:(?!-)/, false)) return 'label';
    if (atStart && stream.match(/^\s*>/, false)) {
      state.superiority = true;
      return 'label';
    }
    return 'predicate';
  }
  stream.next();
  return null;
}

export const rulesLanguage = StreamLanguage.define({
  name: 'argcheck-rules',
  startState,
  token,
  copyState: (s) => ({ ...s }),
  languageData: { commentTokens: { line: '#' } },
  tokenTable: {
    label: ruleTags.label,
    predicate: ruleTags.predicate,
    constant: ruleTags.constant,
    variable: ruleTags.variable,
    position: ruleTags.position,
    source: ruleTags.source,
    date: ruleTags.date,
    arrow: ruleTags.arrow,
    negation: ruleTags.negation,
  },
});

// Colours chosen for contrast on white (each at least 4.5:1; README, "Playground").
export const rulesHighlight = syntaxHighlighting(HighlightStyle.define([
  { tag: t.comment, color: '#5c6370', fontStyle: 'italic' },
  { tag: t.keyword, color: '#7a1fa2', fontWeight: '600' },
  { tag: t.string, color: '#1b6b2a' },
  { tag: t.number, color: '#8a4b00' },
  { tag: ruleTags.date, color: '#8a4b00', textDecoration: 'underline dotted' },
  { tag: ruleTags.label, color: '#0b5394', fontWeight: '600' },
  { tag: ruleTags.predicate, color: '#1d3557' },
  { tag: ruleTags.constant, color: '#6b3a00' },
  { tag: ruleTags.variable, color: '#b3261e' },
  { tag: ruleTags.position, color: '#005f60', fontWeight: '600' },
  { tag: ruleTags.source, color: '#1b6b2a', fontStyle: 'italic' },
  { tag: ruleTags.arrow, color: '#b3261e', fontWeight: '700' },
  { tag: ruleTags.negation, color: '#b3261e', fontWeight: '700' },
  { tag: t.compareOperator, color: '#7a1fa2' },
]));

/** For tests: the tokens of a text, `[[text, style], ...]`. */
export function tokens(text) {
  const out = [];
  let state = startState();
  for (const line of text.split('\n')) {
    const s = new MiniStream(line);
    while (!s.eol()) {
      s.start = s.pos;
      const style = token(s, state);
      if (s.pos === s.start) s.pos += 1;
      if (style) out.push([line.slice(s.start, s.pos), style]);
    }
  }
  return out;
}

class MiniStream {
  constructor(string) { this.string = string; this.pos = 0; this.start = 0; }
  eol() { return this.pos >= this.string.length; }
  peek() { return this.string.charAt(this.pos) || undefined; }
  next() { if (this.pos < this.string.length) return this.string.charAt(this.pos++); return undefined; }
  eatSpace() { const s = this.pos; while (/\s/.test(this.string.charAt(this.pos))) this.pos++; return this.pos > s; }
  skipToEnd() { this.pos = this.string.length; }
  match(re, consume = true) {
    const m = this.string.slice(this.pos).match(re);
    if (m && m.index === 0 && consume !== false) this.pos += m[0].length;
    return m && m.index === 0 ? m : null;
  }
}
