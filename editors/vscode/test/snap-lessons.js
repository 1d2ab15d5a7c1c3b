// Snapshot tests of the TextMate grammar on every lesson of rules/: the lessons are copied into
// test/snap/ (the copies are not committed; the snapshots `*.rules.snap` are), then
// vscode-tmgrammar-snap compares each lesson's scopes with its snapshot. A lesson without a
// snapshot, or a snapshot without a lesson, fails: `npm run snap:update` writes them after a
// lesson changed (read the diff before committing it).
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const update = process.argv.includes('--update');
const lessons = path.join(__dirname, '..', '..', '..', 'rules');
const snapDir = path.join(__dirname, 'snap');

const names = fs.readdirSync(lessons).filter((f) => f.endsWith('.rules')).sort();
if (names.length === 0) {
  console.error(`no lessons in ${lessons}`);
  process.exit(1);
}
for (const f of fs.readdirSync(snapDir)) {
  if (f.endsWith('.rules')) fs.unlinkSync(path.join(snapDir, f));
}
let problems = 0;
for (const name of names) {
  fs.copyFileSync(path.join(lessons, name), path.join(snapDir, name));
  if (!update && !fs.existsSync(path.join(snapDir, `${name}.snap`))) {
    console.error(`rules/${name} has no snapshot test/snap/${name}.snap: run \`npm run snap:update\``);
    problems++;
  }
}
for (const f of fs.readdirSync(snapDir)) {
  if (f.endsWith('.rules.snap') && !names.includes(f.slice(0, -'.snap'.length))) {
    if (update) {
      fs.unlinkSync(path.join(snapDir, f));
    } else {
      console.error(`test/snap/${f} has no lesson in rules/: delete it`);
      problems++;
    }
  }
}
if (problems) process.exit(1);

const bin = path.join(__dirname, '..', 'node_modules', '.bin', 'vscode-tmgrammar-snap');
const args = [update ? '--updateSnapshot' : '--expandDiff', 'test/snap/*.rules'];
const run = spawnSync(bin, args, { cwd: path.join(__dirname, '..'), stdio: 'inherit' });
if (run.status !== 0) {
  console.error('snapshots differ: if the change is intended, run `npm run snap:update` and read the diff');
}
console.log(`lesson snapshots: ${names.length} lessons`);
process.exit(run.status === null ? 1 : run.status);
