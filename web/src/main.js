// The playground page: files in tabs, the engine in a worker, the verdict table, explanations,
// graphs, comparison of positions, what-if and sharing. No framework: a few hundred lines of DOM
// code are easier to keep than a framework's upgrades, and the page stays small.
import corpus from '../gen/lessons.json';
import { WorkerClient, Stopped, Superseded } from './worker-client.js';
import { createEditor, showDiagnostics, replaceText, setNames } from './editor.js';
import { renderTable } from './table-view.js';
import { renderExplanation } from './explain-view.js';
import { renderCompare } from './compare-view.js';
import { renderWhatIf, emptyWhatIf } from './whatif-view.js';
import { encodeState, decodeState } from './share.js';
import { downloadReport } from './report.js';
import { h, ticks } from './dom.js';

const DEFAULT_LESSON = 'assad_warrant.rules';
const lessons = corpus.groups;
// The library's limits in the page: lower than the command line's, so that a blow-up is reported
// (argcheck::limit) before it fills the tab's memory; the time limit is the user's.
const LIMITS = { max_ground_rules: 1_000_000, max_literals: 2_000_000, max_explain_steps: 200_000 };
const DEBOUNCE_MS = 150;

const $ = (id) => document.getElementById(id);

const state = {
  files: [], // [{name, text}]
  views: [], // one CodeMirror view per file
  active: 0,
  lesson: null,
  whatIf: emptyWhatIf(),
  whatIfPosition: 'common',
  last: null, // the last analysis
  table: null, // the last table (kept while the files have errors)
  selected: null, // {literal, position}
  compare: { a: null, b: null },
};

// Hooks for scripts, tests and benchmarks (README, "Playground").
const hooks = {
  analyses: 0,
  lastAnalyse: null, // {ms (in the worker), wallMs (round trip)}
  ttiMs: null,
  restarts: 0,
  graphsReady: false, // Graphviz is loaded (graphs work offline)
  files: () => state.files.map((f) => ({ ...f })),
  view: (i) => state.views[i], // the CodeMirror view of file i (scripts type into it)
  lessons: () => lessons.flatMap((g) => g.lessons.map((l) => l.id)),
};
let markReady;
hooks.ready = new Promise((resolve) => { markReady = resolve; });
window.argcheckPlayground = hooks;

// ---------------------------------------------------------------------------------------------
// Engine

let timeLimitMs = Number($('time-limit').value);
const engine = new WorkerClient(new URL('engine.worker.js', import.meta.url), {
  timeLimitMs,
  onRestart: (reason, op) => {
    hooks.restarts += 1;
    // The new engine has analysed nothing. After an explanation or a graph that ran too long, the
    // files themselves evaluate: analyse them again. (After an analysis, wait for an edit.)
    if (op && op !== 'analyse') analyseSoon(0);
  },
});
const graphs = new WorkerClient(new URL('graph.worker.js', import.meta.url), { timeLimitMs: 10000, lazy: true });

$('time-limit').addEventListener('change', (e) => {
  timeLimitMs = Number(e.target.value);
  engine.timeLimitMs = timeLimitMs;
  analyseSoon(0);
});

function alertUser(message) {
  const a = $('alert');
  if (!message) {
    a.hidden = true;
    a.replaceChildren();
    return;
  }
  a.hidden = false;
  a.replaceChildren(h('span', {}, message), ' ', h('button', { type: 'button', onclick: () => alertUser(null) }, 'Dismiss'));
}

function setStatus(text) {
  $('status').textContent = text;
}

let timer = null;
function analyseSoon(delay = DEBOUNCE_MS) {
  clearTimeout(timer);
  timer = setTimeout(analyse, delay);
}

async function analyse() {
  const files = state.files.map((f) => ({ name: f.name, text: f.text }));
  const options = { limits: LIMITS };
  if (state.whatIf.off.length || state.whatIf.assume.length) options.what_if = state.whatIf;
  setStatus('Checking…');
  let answer;
  try {
    answer = await engine.request('analyse', { files, options }, { latest: 'analyse' });
  } catch (e) {
    if (e instanceof Superseded) return;
    if (e instanceof Stopped) {
      const s = (timeLimitMs / 1000).toLocaleString('en');
      alertUser(`Evaluation stopped after ${s} s (the time limit): the theory grows too large to evaluate here — a rule whose body joins many facts can create millions of ground instances. The engine was restarted and the page is usable; change the text, or raise the time limit.`);
      setStatus(`Stopped after ${s} s. The table shows the last result.`);
      markStale(true);
      return;
    }
    alertUser(`The engine failed: ${e.message}. It was restarted.`);
    setStatus('The engine failed and was restarted.');
    return;
  }
  hooks.analyses += 1;
  hooks.lastAnalyse = { ms: answer.ms, wallMs: answer.wallMs };
  const r = answer.result;
  if (r.error) {
    alertUser(r.error);
    return;
  }
  const current = $('alert').textContent;
  if (current.startsWith('Evaluation stopped') || current.startsWith('The engine failed')) alertUser(null);
  state.last = r;
  setNames(r.outline);
  showProblems(r.diagnostics);
  const errors = r.diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = r.diagnostics.length - errors;
  if (r.table) {
    state.table = r.table;
    markStale(false);
    const w = r.what_if;
    const hypo = w ? ` Hypothetical: ${w.changes.length} verdict${w.changes.length === 1 ? '' : 's'} changed.` : '';
    setStatus(`Evaluated in ${answer.ms.toFixed(1)} ms.${warnings ? ` ${warnings} warning${warnings === 1 ? '' : 's'}.` : ''}${hypo}`);
  } else {
    markStale(true);
    setStatus(`${errors} error${errors === 1 ? '' : 's'}: fix ${errors === 1 ? 'it' : 'them'} to see the verdicts${state.table ? ' (the table shows the last result)' : ''}.`);
  }
  renderResults();
  if (hooks.ttiMs === null && state.table) {
    hooks.ttiMs = performance.now();
    markReady();
    // Load Graphviz once the page is interactive, so that graphs work offline from then on.
    setTimeout(() => {
      graphs.warm();
      graphs.request('render', { dot: 'digraph { }' }).then(() => { hooks.graphsReady = true; }, () => {});
    }, 300);
  }
}

function markStale(stale) {
  $('table').classList.toggle('stale', stale);
}

// ---------------------------------------------------------------------------------------------
// Files and editors

function normalizePath(p) {
  const out = [];
  for (const part of p.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..' && out.length && out[out.length - 1] !== '..') out.pop();
    else out.push(part);
  }
  return out.join('/');
}

function setFiles(files, active = 0) {
  state.files = files.map((f) => ({ name: f.name, text: f.text }));
  state.active = Math.min(active, files.length - 1);
  state.selected = null;
  state.whatIf = emptyWhatIf();
  state.whatIfPosition = 'common';
  state.compare = { a: null, b: null };
  state.table = null;
  $('detail').hidden = true;
  for (const v of state.views) v.destroy();
  state.views = [];
  const holder = $('editors');
  holder.replaceChildren();
  state.files.forEach((f, i) => {
    const box = h('div', { class: 'editor', id: `editor-${i}`, role: 'tabpanel', 'aria-labelledby': `file-tab-${i}` });
    holder.append(box);
    state.views.push(createEditor(box, f.text, (text) => {
      state.files[i].text = text;
      analyseSoon();
    }, `Text of ${f.name}`));
  });
  renderFileTabs();
  analyseSoon(0);
}

function renderFileTabs() {
  const bar = $('file-tabs');
  bar.replaceChildren(...state.files.map((f, i) => h('button', {
    role: 'tab', id: `file-tab-${i}`, type: 'button', 'aria-selected': i === state.active ? 'true' : 'false',
    'aria-controls': `editor-${i}`, tabindex: i === state.active ? '0' : '-1', 'data-file': f.name,
    onclick: () => selectFile(i),
  }, f.name)), h('button', { type: 'button', class: 'new-file', onclick: newFile, title: 'Add a file (other files can import it by its name)' }, '+ New file'));
  bar.onkeydown = tabKeys(() => state.files.length, (i) => selectFile(i, true));
  state.files.forEach((_, i) => { $(`editor-${i}`).hidden = i !== state.active; });
}

function selectFile(i, focusTab = false) {
  state.active = i;
  renderFileTabs();
  if (focusTab) $(`file-tab-${i}`).focus();
  state.views[i].requestMeasure();
}

function newFile() {
  let n = 1;
  while (state.files.some((f) => f.name === `untitled-${n}.rules`)) n += 1;
  const name = (window.prompt('Name of the new file (other files import it with import "NAME".):', `untitled-${n}.rules`) ?? '').trim();
  if (!name) return;
  if (state.files.some((f) => normalizePath(f.name) === normalizePath(name))) {
    alertUser(`There is already a file called ${name}.`);
    return;
  }
  const files = [...state.files, { name, text: `# ${name}\n` }];
  const keep = { whatIf: state.whatIf };
  setFiles(files, files.length - 1);
  state.whatIf = keep.whatIf;
}

/** Arrow keys between tabs (the tablist pattern). */
function tabKeys(count, select) {
  return (e) => {
    const tab = e.target.closest('[role=tab]');
    if (!tab) return;
    const tabs = [...e.currentTarget.querySelectorAll('[role=tab]')];
    const i = tabs.indexOf(tab);
    let j = null;
    if (e.key === 'ArrowRight') j = (i + 1) % count();
    else if (e.key === 'ArrowLeft') j = (i - 1 + count()) % count();
    else if (e.key === 'Home') j = 0;
    else if (e.key === 'End') j = count() - 1;
    if (j !== null) {
      e.preventDefault();
      select(j);
    }
  };
}

function showProblems(diagnostics) {
  const byFile = new Map(state.files.map((f) => [normalizePath(f.name), []]));
  const list = $('diagnostics');
  list.replaceChildren();
  for (const d of diagnostics) {
    const l = d.labels[0];
    if (l) {
      const key = normalizePath(l.file);
      byFile.get(key)?.push({ ...d, from: l.from, to: l.to });
    }
    const fileIndex = l ? state.files.findIndex((f) => normalizePath(f.name) === normalizePath(l.file)) : -1;
    const where = l ? `${l.file}:${l.line}:${l.column}` : '';
    list.append(h('li', {
      class: `diag ${d.severity}`, 'data-code': d.code, 'data-line': l ? l.line : '', 'data-file': l ? l.file : '', 'data-severity': d.severity,
    }, h('button', {
      type: 'button', class: 'goto', disabled: fileIndex < 0,
      onclick: () => {
        selectFile(fileIndex);
        const view = state.views[fileIndex];
        const len = view.state.doc.length;
        view.dispatch({ selection: { anchor: Math.min(l.from, len), head: Math.min(l.to, len) }, scrollIntoView: true });
        view.focus();
      },
    }, h('span', { class: 'sev' }, d.severity), ' ', h('code', {}, d.code), ' ', where),
    h('span', { class: 'msg' }, ' ', ticks(d.message)),
    d.help ? h('span', { class: 'help' }, 'Help: ', ticks(d.help)) : null));
  }
  if (!diagnostics.length) list.append(h('li', { class: 'none' }, 'No problems.'));
  state.files.forEach((f, i) => showDiagnostics(state.views[i], byFile.get(normalizePath(f.name)) ?? []));
}

// ---------------------------------------------------------------------------------------------
// Views

function positionTitle(name) {
  return state.table?.positions.find((p) => p.name === name)?.title ?? null;
}

function renderResults() {
  const r = state.last;
  const banner = $('whatif-banner');
  const w = r?.what_if;
  if (w) {
    banner.hidden = false;
    banner.replaceChildren(
      h('strong', {}, 'Hypothetical. '),
      w.evaluated ? `${w.changes.length} verdict${w.changes.length === 1 ? '' : 's'} changed: ` : 'The what-if has errors (see What if…); the table is as written. ',
      h('ul', {}, w.applied.map((a) => h('li', {}, ticks(a)))),
      h('button', { type: 'button', onclick: () => setWhatIf(emptyWhatIf()) }, 'Back to the text as written'));
  } else {
    banner.hidden = true;
  }
  if (state.table) {
    renderTable($('table'), state.table, {
      changes: w?.evaluated ? w.changes : [],
      selected: state.selected,
      onSelect: selectCell,
    });
  } else if (!r?.table) {
    $('table').replaceChildren(h('p', { class: 'note' }, 'No verdicts yet: the files have errors.'));
  }
  fillPositionSelects();
  if (!$('view-compare').hidden) renderCompareView();
  if (!$('view-whatif').hidden) renderWhatIfView();
  if (state.selected && r?.table) showDetail();
}

let detailSeq = 0;
function selectCell(literal, position, event) {
  state.selected = { literal, position };
  for (const b of document.querySelectorAll('#table button.cell')) {
    const on = b.dataset.literal === literal && b.dataset.position === position;
    b.classList.toggle('selected', on);
    b.setAttribute('aria-pressed', on ? 'true' : 'false');
  }
  showDetail().then(() => {
    // From the keyboard (a click with no pointer), go on to the explanation.
    if (event?.detail === 0) $('detail-heading').focus();
    else $('detail').scrollIntoView({ block: 'nearest' });
  });
}

async function showDetail() {
  const { literal, position } = state.selected;
  const seq = ++detailSeq;
  const detail = $('detail');
  detail.hidden = false;
  $('detail-heading').textContent = `${literal} under ${position}`;
  const ex = $('explanation');
  const graph = $('graph');
  try {
    const { result } = await engine.request('explain', { position, literal });
    if (seq !== detailSeq) return;
    if (result.error) ex.replaceChildren(h('p', { class: 'note' }, result.error));
    else renderExplanation(ex, result, { title: positionTitle(position) });
  } catch (e) {
    if (seq === detailSeq) ex.replaceChildren(h('p', { class: 'note' }, `No explanation: ${e.message}`));
    return;
  }
  graph.replaceChildren(h('p', { class: 'note' }, 'Laying out the graph…'));
  try {
    const { result } = await engine.request('graph', { position, literal });
    if (seq !== detailSeq) return;
    if (result.error) throw new Error(result.error);
    const svg = await graphs.request('render', { dot: result.dot });
    if (seq !== detailSeq) return;
    const picture = safeSvg(svg.result.svg, `Argument graph of ${literal} under ${position}`);
    const zoom = h('button', {
      type: 'button', class: 'zoom', 'aria-pressed': 'false',
      onclick: () => {
        const actual = zoom.getAttribute('aria-pressed') !== 'true';
        zoom.setAttribute('aria-pressed', String(actual));
        if (actual && picture.dataset.width) picture.setAttribute('width', picture.dataset.width);
        else picture.removeAttribute('width');
        graph.classList.toggle('actual', actual);
      },
    }, 'Actual size');
    graph.classList.remove('actual');
    graph.replaceChildren(zoom, picture);
  } catch (e) {
    if (seq === detailSeq) graph.replaceChildren(h('p', { class: 'note' }, `No graph: ${e.message}`));
  }
}

/** Graphviz's SVG, parsed as XML, without anything active in it, scaled to the page. */
function safeSvg(text, label) {
  const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
  const svg = doc.documentElement;
  if (svg.nodeName !== 'svg') throw new Error('Graphviz gave no SVG');
  for (const el of svg.querySelectorAll('script, foreignObject, a')) {
    if (el.nodeName === 'a') el.replaceWith(...el.childNodes);
    else el.remove();
  }
  for (const el of [svg, ...svg.querySelectorAll('*')]) {
    for (const attr of [...el.attributes]) {
      if (/^on/i.test(attr.name) || /href$/i.test(attr.name) || attr.name === 'style') el.removeAttribute(attr.name);
    }
  }
  // Fitted to the box's width (the viewBox keeps the proportions); "Actual size" shows it at
  // Graphviz's size, to scroll.
  svg.dataset.width = String(Math.round(parseFloat(svg.getAttribute('width')) * 1.33) || '');
  svg.removeAttribute('width');
  svg.removeAttribute('height');
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', label);
  return document.importNode(svg, true);
}

function fillPositionSelects() {
  const names = state.table?.positions.map((p) => p.name) ?? [];
  if (!names.length) return;
  if (!names.includes(state.compare.a)) state.compare.a = names[Math.min(1, names.length - 1)];
  if (!names.includes(state.compare.b)) state.compare.b = names[Math.min(2, names.length - 1)];
  for (const [id, key] of [['compare-a', 'a'], ['compare-b', 'b']]) {
    const sel = $(id);
    const current = [...sel.options].map((o) => o.value).join('\u0000');
    if (current !== names.join('\u0000')) {
      sel.replaceChildren(...names.map((n) => h('option', { value: n }, n)));
    }
    sel.value = state.compare[key];
  }
}

async function renderCompareView() {
  const { a, b } = state.compare;
  if (!state.table || !a || !b) return;
  let diff = null;
  if (state.last?.table) {
    try {
      diff = (await engine.request('diff', { a, b })).result;
      if (diff.error) diff = null;
    } catch { diff = null; }
  }
  renderCompare($('compare'), state.table, a, b, diff);
}

function renderWhatIfView() {
  const outline = state.last?.table ? state.last.outline : null;
  renderWhatIf($('whatif'), {
    outline,
    whatIf: state.whatIf,
    position: state.whatIfPosition,
    report: state.last?.what_if,
    onChange: setWhatIf,
    onPosition: (p) => { state.whatIfPosition = p; renderWhatIfView(); },
  });
}

function setWhatIf(w) {
  state.whatIf = w;
  const focused = document.activeElement?.dataset?.switch;
  analyse().then(() => {
    // Keep the keyboard where it was after the list is redrawn.
    if (focused) document.querySelector(`[data-switch="${CSS.escape(focused)}"]`)?.focus();
  });
}

for (const [id, key] of [['compare-a', 'a'], ['compare-b', 'b']]) {
  $(id).addEventListener('change', (e) => {
    state.compare[key] = e.target.value;
    renderCompareView();
  });
}

const VIEWS = ['table', 'compare', 'whatif'];
function selectView(name, focus = false) {
  for (const v of VIEWS) {
    const on = v === name;
    $(`tab-${v}`).setAttribute('aria-selected', on ? 'true' : 'false');
    $(`tab-${v}`).tabIndex = on ? 0 : -1;
    $(`view-${v}`).hidden = !on;
  }
  if (focus) $(`tab-${name}`).focus();
  if (name === 'compare') renderCompareView();
  if (name === 'whatif') renderWhatIfView();
}
for (const v of VIEWS) $(`tab-${v}`).addEventListener('click', () => selectView(v));
$('view-tabs').addEventListener('keydown', tabKeys(() => VIEWS.length, (i) => selectView(VIEWS[i], true)));

// ---------------------------------------------------------------------------------------------
// Lessons, Format, sharing, report

function fillLessons() {
  const sel = $('lesson');
  sel.replaceChildren(h('option', { value: '', disabled: true }, 'Files from a link'), ...lessons.map((g) => h('optgroup', { label: g.group },
    g.lessons.map((l) => h('option', { value: l.id }, l.title === l.id ? l.id : `${l.title} (${l.id})`)))));
  sel.addEventListener('change', () => openLesson(sel.value));
}

function openLesson(id) {
  const lesson = lessons.flatMap((g) => g.lessons).find((l) => l.id === id);
  if (!lesson) return;
  state.lesson = id;
  $('lesson').value = id;
  setFiles(lesson.files.map((name) => ({ name, text: corpus.texts[name] })), 0);
}

$('format').addEventListener('click', async () => {
  const i = state.active;
  const f = state.files[i];
  try {
    const { result } = await engine.request('format', { name: f.name, text: state.views[i].state.doc.toString() });
    if (result.ok) {
      replaceText(state.views[i], result.text);
      setStatus(`${f.name} formatted.`);
    } else {
      alertUser(`${f.name} has syntax errors: Format leaves it as it is until they are fixed.`);
    }
  } catch (e) {
    alertUser(`Format failed: ${e.message}`);
  }
});

$('share').addEventListener('click', async () => {
  const hash = await encodeState({ files: state.files, active: state.active, lesson: state.lesson });
  history.replaceState(null, '', hash);
  const url = location.href;
  $('share-box').hidden = false;
  $('share-url').value = url;
  $('share-url').select();
  let copied = false;
  try {
    await navigator.clipboard.writeText(url);
    copied = true;
  } catch { /* the box shows the link to copy by hand */ }
  setStatus(copied ? `Link copied (${url.length.toLocaleString('en')} characters). The files are in the link itself: nothing is uploaded.` : 'The link is in the box above: copy it from there.');
});

$('report').addEventListener('click', () => downloadReport(engine, state.files)
  .then(() => setStatus('Report saved: one HTML page, made here in the browser.'))
  .catch((e) => alertUser(e.message)));

async function restore() {
  const s = await decodeState(location.hash);
  if (s?.error) alertUser(s.error);
  if (s && !s.error) {
    state.lesson = s.lesson ?? null;
    $('lesson').value = s.lesson ?? '';
    setFiles(s.files, s.active ?? 0);
    return true;
  }
  return false;
}

window.addEventListener('hashchange', () => { restore(); });

fillLessons();
if (!(await restore())) openLesson(DEFAULT_LESSON);
