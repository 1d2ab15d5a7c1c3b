// Parity: every lesson of rules/ and every file of tests/cases/, evaluated by the WebAssembly
// build (web/pkg, the same module the page's worker loads), gives exactly what the native command
// line gives: the table of `argcheck eval FILE --format json` and the diagnostics of
// `argcheck check FILE --format json` (codes, messages, labels, help).
//
// ARGCHECK_BIN names the native binary (default: target/release/argcheck).
import test from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import { join, relative, dirname } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { initSync, Playground } from '../pkg/argcheck_web.js';

const web = join(dirname(fileURLToPath(import.meta.url)), '..');
const root = join(web, '..');
const bin = process.env.ARGCHECK_BIN ?? join(root, 'target', 'release', 'argcheck');

initSync({ module: readFileSync(join(web, 'pkg', 'argcheck_web_bg.wasm')) });

function walk(dir, keep) {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...walk(p, keep));
    else if (keep(name)) out.push(relative(root, p));
  }
  return out;
}

const isRules = (n) => n.endsWith('.rules') || n.endsWith('.starter');
// Every file that a case may import is held in memory, under its path from the repository root.
const corpus = [...walk(join(root, 'rules'), isRules), ...walk(join(root, 'tests', 'cases'), isRules)];
const files = corpus.map((name) => ({ name, text: readFileSync(join(root, name), 'utf8') }));
const filesJson = JSON.stringify(files);

function cli(args) {
  const r = spawnSync(bin, args, { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  if (r.error) throw r.error;
  return r;
}

function withoutEditorOffsets(diagnostics) {
  return diagnostics.map((d) => ({ ...d, labels: d.labels.map(({ from, to, ...l }) => l) }));
}

// The one wording that differs by design: why a file could not be read comes from where files
// come from (the OS's `No such file or directory (os error 2)` on disk, the library's
// MemoryFiles' `no such file` in the page).
function sameIoWording(diagnostics) {
  return diagnostics.map((d) => ({ ...d, message: d.message.replace(/: No such file or directory \(os error 2\)$/, ': no such file') }));
}

test('the native binary is there', () => {
  assert.ok(existsSync(bin), `${bin} is missing: build it with cargo build --release`);
});

test('the corpus is all there', () => {
  assert.ok(corpus.includes('rules/assad_warrant.rules'));
  assert.ok(corpus.filter((f) => f.startsWith('rules/')).length >= 10, corpus.join(', '));
  assert.ok(corpus.filter((f) => f.startsWith('tests/cases/')).length >= 30);
});

let evaluated = 0;
let failing = 0;
for (const file of corpus) {
  test(`parity: ${file}`, () => {
    const engine = new Playground();
    const answer = JSON.parse(engine.analyse(filesJson, JSON.stringify({ inputs: [file] })));
    assert.equal(answer.error, undefined, answer.error);
    const check = cli(['check', file, '--format', 'json']);
    assert.deepEqual(withoutEditorOffsets(answer.diagnostics), sameIoWording(JSON.parse(check.stdout)), 'diagnostics differ from argcheck check --format json');
    const evalRun = cli(['eval', file, '--format', 'json']);
    if (evalRun.status === 0) {
      evaluated += 1;
      assert.equal(answer.evaluated, true);
      assert.deepEqual(answer.table, JSON.parse(evalRun.stdout), 'table differs from argcheck eval --format json');
    } else {
      failing += 1;
      assert.equal(answer.evaluated, false, `the CLI failed (exit ${evalRun.status}) but the page evaluated`);
      assert.equal(answer.table, null);
      assert.ok(answer.diagnostics.some((d) => d.severity === 'error'));
    }
    engine.free();
  });
}

test('both kinds of case were compared', () => {
  assert.ok(evaluated >= 20, `${evaluated} files evaluated`);
  assert.ok(failing >= 15, `${failing} error cases`);
});
