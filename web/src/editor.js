// The editors: one CodeMirror view per file tab, the `.rules` mode, diagnostics from the library
// shown inline, and completion of the names the library found (predicates, rule labels,
// positions, sources).
import { EditorState } from '@codemirror/state';
import {
  EditorView, keymap, lineNumbers, highlightActiveLine, highlightActiveLineGutter, drawSelection,
} from '@codemirror/view';
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { bracketMatching, indentUnit } from '@codemirror/language';
import { autocompletion, completionKeymap, closeBrackets, closeBracketsKeymap } from '@codemirror/autocomplete';
import { lintGutter, setDiagnostics, lintKeymap } from '@codemirror/lint';
import { rulesLanguage, rulesHighlight } from './rules-mode.js';

const KEYWORDS = ['source', 'predicate', 'from', 'position', 'extends', 'reject', 'query', 'expect',
  'holds', 'denied', 'undecided', 'strictly', 'unless', 'import', 'common'];

/** What completion offers, from the last analysis's outline. */
let names = { predicates: [], rules: [], positions: [], sources: [] };

export function setNames(outline) {
  if (!outline) return;
  names = outline;
}

function completions(context) {
  const word = context.matchBefore(/[A-Za-z_][A-Za-z0-9_]*/);
  if (!word && !context.explicit) return null;
  const from = word ? word.from : context.pos;
  const line = context.state.doc.lineAt(context.pos);
  const before = line.text.slice(0, from - line.from);
  const positions = () => names.positions.map((p) => ({
    label: p.name, type: 'class', detail: 'position', info: p.title ?? undefined,
  }));
  const rules = () => names.rules.map((r) => ({
    label: r.label, type: 'function', detail: `rule ${kindArrow(r.kind)}`, info: r.text,
  }));
  const sources = () => names.sources.map((s) => ({
    label: s.name, type: 'namespace', detail: 'source', info: s.citation,
  }));
  const predicates = () => names.predicates.map((p) => ({
    label: p.name, type: 'variable', detail: `predicate/${p.arity}`,
    info: p.template ?? undefined,
    apply: p.arity > 0 && !/^\s*\(/.test(line.text.slice(context.pos - line.from)) ? `${p.name}(` : p.name,
  }));
  let options;
  if (/\bfrom\s+$/.test(before)) options = sources();
  else if (/\b(extends|expect|position)\s+([a-z][A-Za-z0-9_]*\s*,\s*)*$/.test(before)) options = positions();
  else if (/\breject\s+$/.test(before) || /^\s*[a-z][A-Za-z0-9_]*\s*>\s*$/.test(before)) options = rules();
  else if (/^\s*$/.test(before)) {
    options = [...KEYWORDS.map((k) => ({ label: k, type: 'keyword' })), ...rules(), ...predicates()];
  } else options = [...predicates(), ...KEYWORDS.map((k) => ({ label: k, type: 'keyword' }))];
  return { from, options, validFor: /^[A-Za-z0-9_]*$/ };
}

function kindArrow(kind) {
  return { strict: '->', defeasible: '=>', defeater: '~>' }[kind] ?? kind;
}

const theme = EditorView.theme({
  '&': { fontSize: '14px', border: '1px solid #8a93a3', borderRadius: '4px', background: '#fff', height: '100%' },
  '&.cm-focused': { outline: '3px solid #1d4ed8', outlineOffset: '1px' },
  '.cm-scroller': { fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace', lineHeight: '1.5' },
  '.cm-content': { caretColor: '#111' },
  '.cm-gutters': { background: '#f3f4f6', color: '#4b5563', borderRight: '1px solid #d1d5db' },
  '.cm-activeLine': { background: '#eef2ff' },
  '.cm-activeLineGutter': { background: '#e0e7ff' },
});

/**
 * A view for one file.
 * @param {HTMLElement} parent
 * @param {string} text
 * @param {(text: string) => void} onChange
 */
export function createEditor(parent, text, onChange, label) {
  const state = EditorState.create({
    doc: text,
    extensions: [
      lineNumbers(),
      highlightActiveLineGutter(),
      history(),
      drawSelection(),
      EditorState.allowMultipleSelections.of(true),
      indentUnit.of('    '),
      bracketMatching(),
      closeBrackets(),
      highlightActiveLine(),
      autocompletion({ override: [completions], activateOnTyping: true }),
      lintGutter(),
      rulesLanguage,
      rulesHighlight,
      theme,
      EditorView.lineWrapping,
      EditorView.contentAttributes.of({ 'aria-label': label }),
      keymap.of([...closeBracketsKeymap, ...defaultKeymap, ...historyKeymap, ...completionKeymap, ...lintKeymap, indentWithTab]),
      EditorView.updateListener.of((u) => {
        if (u.docChanged) onChange(u.state.doc.toString());
      }),
    ],
  });
  // Inside a shadow root CodeMirror styles itself with constructed style sheets, which the page's
  // Content-Security-Policy (style-src 'self', no 'unsafe-inline') allows; in the document it
  // would need a <style> element.
  const shadow = parent.attachShadow({ mode: 'open' });
  return new EditorView({ state, parent: shadow, root: shadow });
}

/** Show the library's diagnostics for one file in its view. */
export function showDiagnostics(view, diagnostics) {
  const len = view.state.doc.length;
  const list = diagnostics.map((d) => {
    const from = Math.min(d.from, len);
    const to = Math.min(Math.max(d.to, from), len);
    return {
      from,
      to,
      severity: d.severity === 'warning' ? 'warning' : 'error',
      source: d.code,
      message: d.help ? `${d.message}\nhelp: ${d.help}` : d.message,
    };
  });
  view.dispatch(setDiagnostics(view.state, list));
}

/** Replace a view's whole text (Format), as one undoable change. */
export function replaceText(view, text) {
  if (view.state.doc.toString() === text) return;
  view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
}
