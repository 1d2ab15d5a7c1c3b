// Browser tests: the built page (web/dist) in a real headless Chromium (Debian's, driven by
// playwright-core), served from 127.0.0.1 by test/serve.mjs. Screenshots of the main views go to
// web/test-results/.
//
// CHROMIUM names the browser (default /usr/bin/chromium); ARGCHECK_BIN the native binary the
// table is compared with (default target/release/argcheck).
import test, { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serve } from './serve.mjs';

const web = join(dirname(fileURLToPath(import.meta.url)), '..');
const root = join(web, '..');
const shots = join(web, 'test-results');
const bin = process.env.ARGCHECK_BIN ?? join(root, 'target', 'release', 'argcheck');

let server;
let browser;

before(async () => {
  mkdirSync(shots, { recursive: true });
  server = await serve(join(web, 'dist'));
  // Playwright starts the browser on a fresh, empty profile directory of its own (it refuses
  // --user-data-dir among the arguments) and deletes it on close.
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/**
 * A fresh page on the playground, with every request, console error, page error and CSP
 * violation recorded. `check()` asserts none of them went wrong.
 */
async function open(path = '', { viewport = { width: 1400, height: 1000 } } = {}) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const log = { requests: [], errors: [] };
  page.on('request', (r) => log.requests.push(r.url()));
  page.on('pageerror', (e) => log.errors.push(`page error: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') log.errors.push(`console: ${m.text()}`); });
  context.on('weberror', (e) => log.errors.push(`web error: ${e.error().message}`));
  await page.addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  await page.goto(server.url + path);
  await page.evaluate(() => window.argcheckPlayground.ready);
  const check = async () => {
    const csp = await page.evaluate(() => window.__csp);
    assert.deepEqual(csp, [], 'Content-Security-Policy violations');
    assert.deepEqual(log.errors, [], 'errors in the page');
    const foreign = log.requests.filter((u) => !u.startsWith(server.url) && !u.startsWith('data:') && !u.startsWith('blob:'));
    assert.deepEqual(foreign, [], 'requests that left the page’s own site');
  };
  return { page, context, log, check };
}

const cells = (page) => page.$$eval('#table button.cell', (bs) => bs.map((b) => ({
  literal: b.dataset.literal, position: b.dataset.position, verdict: b.dataset.verdict, status: b.dataset.status, changed: b.dataset.changed ?? null,
})));

/** The text of the view of file `i`, and helpers to edit it as a user types. */
async function lineStart(page, fileIndex, needle) {
  return page.evaluate(([i, needle]) => {
    const view = window.argcheckPlayground.view(i);
    const text = view.state.doc.toString();
    const at = text.indexOf(needle);
    const line = view.state.doc.lineAt(at);
    return { pos: at, line: line.number, lineEnd: line.to };
  }, [fileIndex, needle]);
}

async function placeCursor(page, fileIndex, pos) {
  await page.evaluate(([i, pos]) => {
    const view = window.argcheckPlayground.view(i);
    view.focus();
    view.dispatch({ selection: { anchor: pos }, scrollIntoView: true });
  }, [fileIndex, pos]);
}

async function setText(page, fileIndex, text) {
  await page.evaluate(([i, text]) => {
    const view = window.argcheckPlayground.view(i);
    view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
  }, [fileIndex, text]);
}

async function analysed(page, after) {
  await page.waitForFunction((n) => window.argcheckPlayground.analyses > n, after, { timeout: 10000 });
}

test('the page loads on the Assad lesson, with its imports in tabs', async () => {
  const { page, context, check } = await open();
  assert.equal(await page.title(), 'argcheck playground');
  const tabs = await page.$$eval('#file-tabs [role=tab]', (ts) => ts.map((t) => t.dataset.file));
  assert.deepEqual(tabs, ['assad_warrant.rules', 'sources.rules']);
  assert.equal(await page.$eval('#lesson', (s) => s.value), 'assad_warrant.rules');
  assert.ok((await cells(page)).length > 100);
  assert.match(await page.textContent('#status'), /Evaluated in/);
  assert.equal(await page.$$eval('#diagnostics li[data-code]', (l) => l.length), 0);
  await page.screenshot({ path: join(shots, '1-table.png'), fullPage: false });
  await check();
  await context.close();
});

test('the Assad table matches argcheck eval --format json cell by cell', async () => {
  const run = spawnSync(bin, ['eval', 'rules/assad_warrant.rules', '--format', 'json'], { cwd: root, encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  const expected = JSON.parse(run.stdout);
  const { page, context, check } = await open();
  const shown = await cells(page);
  const want = expected.queries.flatMap((g) => g.results.flatMap((r) => r.verdicts.map((v) => ({
    literal: r.literal,
    position: v.position,
    verdict: v.verdict,
    status: v.strictly ? `${v.verdict} strictly` : v.verdict === 'undecided' && v.reason ? `undecided (${v.reason.replaceAll('_', ' ').replace('blocked by defeater', 'blocked by a defeater')})` : v.verdict,
    changed: null,
  }))));
  assert.equal(shown.length, want.length);
  assert.deepEqual(shown, want);
  const headers = await page.$$eval('table.verdicts thead th', (ths) => ths.slice(1).map((t) => t.textContent.replaceAll('\u200b', '')));
  assert.deepEqual(headers, expected.positions.map((p) => p.name));
  await check();
  await context.close();
});

test('a typo shows argcheck::syntax at its line within a second, and fixing it clears it', async () => {
  const { page, context, check } = await open();
  const at = await lineStart(page, 0, 'warrant_stands:');
  const n = await page.evaluate(() => window.argcheckPlayground.analyses);
  // Type over the rule's colon: `warrant_stands warrant(...)` is not a statement.
  await placeCursor(page, 0, at.pos + 'warrant_stands'.length);
  const t0 = Date.now();
  await page.keyboard.press('Delete');
  const item = page.locator(`#diagnostics li[data-code="argcheck::syntax"][data-line="${at.line}"]`);
  await item.waitFor({ timeout: 1000 });
  const elapsed = Date.now() - t0;
  assert.ok(elapsed < 1000, `${elapsed} ms`);
  // The label is where the `:` is missing, an empty span: CodeMirror marks it with a point
  // rather than an underline.
  await page.locator('.cm-lintRange-error, .cm-lintPoint-error').first().waitFor({ state: 'attached', timeout: 1000 });
  assert.match(await item.textContent(), /Help:/);
  assert.match(await page.textContent('#status'), /error/);
  await page.screenshot({ path: join(shots, '2-typo.png') });
  await analysed(page, n);
  await page.keyboard.type(':');
  await page.locator('#diagnostics li[data-code]').first().waitFor({ state: 'detached', timeout: 2000 });
  assert.equal(await page.locator('#diagnostics li[data-code]').count(), 0);
  await page.waitForFunction(() => /Evaluated in/.test(document.getElementById('status').textContent));
  await check();
  await context.close();
});

test('completion offers the sources, positions, labels and predicates the library found', async () => {
  const { page, context, check } = await open();
  const end = await page.evaluate(() => window.argcheckPlayground.view(0).state.doc.length);
  await placeCursor(page, 0, end);
  await page.keyboard.type('\nsome_fact(x) from icj_2');
  const box = page.locator('.cm-tooltip-autocomplete');
  await box.waitFor({ timeout: 3000 });
  assert.match(await box.textContent(), /icj_2002/);
  await page.keyboard.press('Escape');
  await page.keyboard.type('.\nposition p_new extends cour_de_');
  await box.waitFor({ timeout: 3000 });
  assert.match(await box.textContent(), /cour_de_cassation_2025/);
  await page.keyboard.press('Escape');
  await page.keyboard.type(' {\n    reject immune_pers');
  await box.waitFor({ timeout: 3000 });
  assert.match(await box.textContent(), /immune_personally/);
  await page.keyboard.press('Escape');
  await page.keyboard.type('.\n    q: personal_immu');
  await box.waitFor({ timeout: 3000 });
  assert.match(await box.textContent(), /personal_immunity/);
  await check();
  await context.close();
});

test('clicking a cell shows the explanation, its decisive step and the argument graph', async () => {
  const { page, context, check } = await open();
  const cell = page.locator('button.cell[data-literal="challenge_holds(w2023_bashar)"][data-position="pnat_2023"]');
  assert.equal(await cell.getAttribute('data-verdict'), 'holds');
  await cell.click();
  await page.locator('#explanation .headline').waitFor();
  const headline = await page.textContent('#explanation .headline');
  assert.match(headline, /Under pnat_2023 \(Anti-terror prosecutor.*\).*holds/);
  assert.ok(await page.locator('#explanation .decisive li').count() >= 1);
  assert.match(await page.textContent('#explanation .decisive'), /challenge_upheld/);
  assert.ok(await page.locator('#explanation .footnotes li').count() >= 1, 'sources as footnotes');
  await page.locator('#graph svg').waitFor({ timeout: 15000 });
  assert.match(await page.textContent('#graph svg'), /challenge_holds\(w2023_bashar\)/);
  await page.screenshot({ path: join(shots, '3-explanation.png') });
  await page.locator('#detail').screenshot({ path: join(shots, '3b-explanation-detail.png') });
  await check();
  await context.close();
});

test('the table and the tree work from the keyboard alone', async () => {
  const { page, context, check } = await open();
  await page.locator('button.cell').first().focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowDown');
  const focused = await page.evaluate(() => ({ ...document.activeElement.dataset }));
  const all = await cells(page);
  const cols = await page.$$eval('table.verdicts thead th', (t) => t.length - 1);
  assert.equal(focused.position, all[1].position);
  assert.equal(focused.literal, all[cols + 1].literal);
  await page.keyboard.press('Enter');
  await page.locator('#explanation .headline').waitFor();
  await page.waitForFunction(() => document.activeElement?.id === 'detail-heading');
  // The first folded literal of the tree opens with the keyboard.
  // (A handle, not a locator: a locator would find the next folded one once this one is open.)
  const summary = await page.locator('#explanation .tree details:not([open]) > summary').first().elementHandle();
  await summary.focus();
  await page.keyboard.press('Enter');
  assert.equal(await summary.evaluate((s) => s.parentElement.open), true);
  await check();
  await context.close();
});

test('switching a rule off changes verdicts, marked holds → denied style', async () => {
  const { page, context, check } = await open();
  const before = await cells(page);
  await page.click('#tab-whatif');
  await page.selectOption('#whatif-position', 'pnat_2023');
  const n = await page.evaluate(() => window.argcheckPlayground.analyses);
  const box = page.locator('input[data-switch*="immune_personally"]');
  assert.equal(await box.isChecked(), true);
  await box.uncheck();
  await analysed(page, n);
  await page.screenshot({ path: join(shots, '4-whatif.png') });
  await page.click('#tab-table');
  const afterCells = await cells(page);
  const changed = afterCells.filter((c) => c.changed);
  assert.ok(changed.length > 0, 'some verdict changed');
  for (const c of changed) {
    const was = before.find((b) => b.literal === c.literal && b.position === c.position);
    assert.equal(c.changed, was.status, `${c.literal} under ${c.position} says what it was`);
    assert.notEqual(c.status, was.status);
  }
  const key = changed.find((c) => c.literal === 'challenge_holds(w2023_bashar)' && c.position === 'pnat_2023');
  assert.ok(key, 'without personal immunity, the PNAT challenge changes');
  assert.equal(key.changed, 'holds');
  assert.match(await page.textContent('#whatif-banner'), /Hypothetical.*immune_personally/s);
  assert.match(await page.textContent(`button.cell[data-literal="challenge_holds(w2023_bashar)"][data-position="pnat_2023"]`), /holds →/);
  await page.screenshot({ path: join(shots, '5-whatif-table.png') });
  // A hypothetical fact, then back to the text as written.
  await page.click('#tab-whatif');
  await page.fill('#assume-input', 'no_such_thing(x)');
  const m = await page.evaluate(() => window.argcheckPlayground.analyses);
  await page.click('#whatif .assume button[type=submit]');
  await analysed(page, m);
  assert.match(await page.textContent('#whatif-banner'), /no_such_thing\(x\) assumed/);
  const k = await page.evaluate(() => window.argcheckPlayground.analyses);
  await page.click('#whatif-reset');
  await analysed(page, k);
  assert.deepEqual(await cells(page), before);
  assert.equal(await page.isHidden('#whatif-banner'), true);
  await check();
  await context.close();
});

test('two positions side by side, with the crux of each difference', async () => {
  const { page, context, check } = await open();
  await page.click('#tab-compare');
  await page.selectOption('#compare-a', 'prosecutor_general_2025');
  await page.selectOption('#compare-b', 'cour_de_cassation_2025');
  await page.locator('#compare table.compare tr.differs').first().waitFor();
  assert.match(await page.textContent('#compare .summary'), /disagree on \d+ question/);
  assert.ok(await page.locator('#compare .crux li').count() >= 1);
  await page.screenshot({ path: join(shots, '6-compare.png') });
  await check();
  await context.close();
});

test('Copy link puts the files in the fragment, and the link restores them', async () => {
  const { page, context, check } = await open();
  const at = await lineStart(page, 0, 'warrant_stands:');
  await placeCursor(page, 0, at.pos);
  await page.keyboard.type('# a note only this link has, with ünïcödé\n');
  await page.click('#share');
  // The link is made asynchronously (the files are compressed first): wait for it.
  await page.waitForFunction(() => document.querySelector('#share-url').value.includes('#s='));
  const url = await page.inputValue('#share-url');
  assert.ok(url.startsWith(`${server.url}#s=`), url.slice(0, 80));
  const files = await page.evaluate(() => window.argcheckPlayground.files());
  const second = await open(url.slice(server.url.length));
  assert.deepEqual(await second.page.evaluate(() => window.argcheckPlayground.files()), files);
  assert.ok(files[0].text.includes('ünïcödé'));
  await second.check();
  await second.context.close();
  await check();
  await context.close();
});

test('Download report saves the handout of argcheck report, made in the browser', async () => {
  const { page, context, check } = await open();
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#report')]);
  assert.equal(download.suggestedFilename(), 'assad_warrant.html');
  const html = readFileSync(await download.path(), 'utf8');
  const files = await page.evaluate(() => window.argcheckPlayground.files().map((f) => f.name));
  const cli = spawnSync(bin, ['report', files[0]], { cwd: join(root, 'rules'), encoding: 'utf8', maxBuffer: 1 << 28 });
  assert.equal(cli.status, 0, cli.stderr);
  assert.equal(html, cli.stdout, 'the page’s report is the CLI’s, byte for byte');
  const report = await context.newPage();
  await report.setContent(html);
  assert.match(await report.textContent('h1'), /Assad/);
  assert.ok(await report.$$eval('table.verdicts td, table td', (tds) => tds.length) > 0);
  await report.screenshot({ path: join(shots, 'report.png') });
  await check();
  await context.close();
});

test('a grounding blow-up is stopped at the time limit, and the page stays usable', async () => {
  const { page, context, check } = await open();
  await page.selectOption('#time-limit', '1000');
  // 60^3 = 216,000 ground instances of a rule with a three-way join, each checked against
  // 60^3 more through a second join: far past a second, under the library's size limits.
  let text = '';
  for (let i = 0; i < 60; i++) text += `n(${i}).\n`;
  text += 'big: n(A), n(B), n(C) => t(A, B, C).\nbigger: t(A, B, C), t(C, B, A) => u(A, C).\nquery u(1, 2).\n';
  await setText(page, 0, text);
  const alert = page.locator('#alert');
  await alert.waitFor({ state: 'visible', timeout: 8000 });
  assert.match(await alert.textContent(), /stopped after 1 s/i);
  assert.ok(await page.evaluate(() => window.argcheckPlayground.restarts) >= 1);
  await page.screenshot({ path: join(shots, '7-stopped.png') });
  // Still usable: the lesson menu brings a lesson back, evaluated by the new engine.
  const n = await page.evaluate(() => window.argcheckPlayground.analyses);
  await page.selectOption('#lesson', 'classic_defeasible.rules');
  await analysed(page, n);
  assert.ok((await cells(page)).length > 10);
  assert.match(await page.textContent('#status'), /Evaluated in/);
  await check();
  await context.close();
});

test('verdicts are told by a word and an icon, and their colours contrast at least 4.5:1', async () => {
  const { page, context, check } = await open();
  const seen = await page.$$eval('#table button.cell', (bs) => {
    const rgb = (c) => c.match(/\d+(\.\d+)?/g).slice(0, 3).map(Number);
    const lum = ([r, g, b]) => {
      const f = (v) => { const c = v / 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; };
      return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
    };
    const out = {};
    for (const b of bs) {
      const s = getComputedStyle(b);
      const [l1, l2] = [lum(rgb(s.color)), lum(rgb(s.backgroundColor))].sort((x, y) => y - x);
      const ratio = (l1 + 0.05) / (l2 + 0.05);
      const v = b.dataset.verdict;
      out[v] = { ratio: Math.min(out[v]?.ratio ?? Infinity, ratio), words: b.textContent.includes(v), icon: !!b.querySelector('.icon') };
    }
    return out;
  });
  assert.deepEqual(Object.keys(seen).sort(), ['denied', 'holds', 'undecided']);
  for (const [v, s] of Object.entries(seen)) {
    assert.ok(s.ratio >= 4.5, `${v}: contrast ${s.ratio.toFixed(2)}:1`);
    assert.ok(s.words && s.icon, `${v} is said in words, with an icon`);
  }
  await check();
  await context.close();
});

test('Format lays the file out as argcheck fmt does', async () => {
  const { page, context, check } = await open();
  await setText(page, 0, 'p(a) .\nr:p(X)=>q(X).\nquery q(a).\n');
  await page.waitForFunction(() => /Evaluated/.test(document.getElementById('status').textContent));
  await page.click('#format');
  await page.waitForFunction(() => window.argcheckPlayground.view(0).state.doc.toString() === 'p(a).\nr: p(X) => q(X).\nquery q(a).\n');
  await check();
  await context.close();
});

test('on a phone the page is one readable column', async () => {
  const { page, context, check } = await open('', { viewport: { width: 390, height: 844 } });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 1, `the page is ${overflow}px wider than the screen`);
  await page.screenshot({ path: join(shots, '8-phone.png') });
  await page.locator('#results').scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(shots, '9-phone-table.png') });
  await check();
  await context.close();
});

test('once loaded, the page works offline: edits, explanations and graphs', async () => {
  const { page, context, check } = await open();
  await page.waitForFunction(() => window.argcheckPlayground.graphsReady, null, { timeout: 15000 });
  await context.setOffline(true);
  const n = await page.evaluate(() => window.argcheckPlayground.analyses);
  const at = await lineStart(page, 0, 'warrant_stands:');
  await placeCursor(page, 0, at.pos);
  await page.keyboard.type('# offline\n');
  await analysed(page, n);
  await page.locator('button.cell[data-literal="valid(w2025_ghouta)"][data-position="cour_de_cassation_2025"]').click();
  await page.locator('#explanation .headline').waitFor();
  await page.locator('#graph svg').waitFor({ timeout: 15000 });
  await context.setOffline(false);
  await check();
  await context.close();
});

test('nothing is asked of any server but the page’s own, and only its own files', async () => {
  const { page, context, log, check } = await open();
  await page.locator('button.cell').first().click();
  await page.locator('#graph svg').waitFor({ timeout: 15000 });
  await page.click('#tab-compare');
  await page.click('#tab-whatif');
  await page.waitForTimeout(500);
  await check();
  const paths = new Set(log.requests.map((u) => new URL(u).pathname));
  for (const p of paths) {
    assert.match(p, /^\/(|index\.html|favicon\.svg|assets\/[\w.-]+\.(js|css|wasm))$/, p);
  }
  assert.ok(paths.has('/assets/argcheck_web_bg.wasm'));
  await context.close();
});
