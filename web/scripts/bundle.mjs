// Bundles the page into web/dist/: the lessons of rules/ (read at build time), the page, the
// engine worker (the library compiled to WebAssembly, from web/pkg/ — run wasm-bindgen first:
// web/build.sh does), the graph worker (Graphviz compiled to WebAssembly, @viz-js/viz).
import * as esbuild from 'esbuild';
import { readFileSync, writeFileSync, mkdirSync, rmSync, copyFileSync, readdirSync, existsSync } from 'node:fs';
import { dirname, join, posix } from 'node:path';
import { fileURLToPath } from 'node:url';

const web = join(dirname(fileURLToPath(import.meta.url)), '..');
const rules = join(web, '..', 'rules');
const dist = join(web, 'dist');
const gen = join(web, 'gen');

// --- The lessons: each lesson file with the files it imports (transitively), names relative to
// rules/ so that imports resolve between them in the page as they do on disk.
function readRules(name) {
  return readFileSync(join(rules, name), 'utf8');
}
// Reading `import "x".` lines is enough to know which files to bundle; the page's engine (the
// library) resolves and checks them.
const IMPORT = /^[ \t]*import[ \t]+"([^"\\]+)"[ \t]*\./gm;
function closure(name) {
  const out = [name];
  for (let i = 0; i < out.length; i++) {
    const text = readRules(out[i]);
    for (const m of text.matchAll(IMPORT)) {
      const target = posix.normalize(posix.join(posix.dirname(out[i]), m[1]));
      if (!out.includes(target) && existsSync(join(rules, target))) out.push(target);
    }
  }
  return out.map((n) => ({ name: n, text: readRules(n) }));
}
function title(text, fallback) {
  // The first line of the header comment that is not a rule of `=`.
  for (const line of text.split('\n')) {
    if (!line.startsWith('#')) break;
    const t = line.replace(/^#\s*/, '').replace(/\s{2,}\(.*\)\s*$/, '').trim();
    if (t && !/^=+$/.test(t)) return t;
  }
  return fallback;
}
const groups = [
  ['Lessons', readdirSync(rules).filter((f) => f.endsWith('.rules') && f !== 'sources.rules').sort()],
  ['Exercises', readdirSync(join(rules, 'exercises')).filter((f) => f.endsWith('.starter')).sort().map((f) => `exercises/${f}`)],
  ['Solutions', readdirSync(join(rules, 'exercises', 'solutions')).filter((f) => f.endsWith('.rules')).sort().map((f) => `exercises/solutions/${f}`)],
];
// Each file once (every lesson imports sources.rules); a lesson names its files.
const texts = {};
const lessons = groups.map(([group, names]) => ({
  group,
  lessons: names.map((name) => {
    const files = closure(name);
    for (const f of files) texts[f.name] = f.text;
    return { id: name, title: title(files[0].text, name), files: files.map((f) => f.name) };
  }),
}));
if (!lessons[0].lessons.some((l) => l.id === 'assad_warrant.rules')) throw new Error('rules/assad_warrant.rules is missing');
mkdirSync(gen, { recursive: true });
writeFileSync(join(gen, 'lessons.json'), JSON.stringify({ texts, groups: lessons }));

// --- The site.
const pkg = join(web, 'pkg');
if (!existsSync(join(pkg, 'argcheck_web_bg.wasm'))) {
  throw new Error('web/pkg/ has no WebAssembly build: run web/build.sh');
}
rmSync(dist, { recursive: true, force: true });
mkdirSync(join(dist, 'assets'), { recursive: true });
const result = await esbuild.build({
  entryPoints: {
    main: join(web, 'src', 'main.js'),
    'engine.worker': join(web, 'src', 'engine.worker.js'),
    'graph.worker': join(web, 'src', 'graph.worker.js'),
    style: join(web, 'src', 'style.css'),
  },
  outdir: join(dist, 'assets'),
  bundle: true,
  format: 'esm',
  minify: true,
  sourcemap: false,
  target: ['chrome110', 'firefox115', 'safari16'],
  legalComments: 'eof',
  metafile: true,
  logLevel: 'warning',
});
copyFileSync(join(pkg, 'argcheck_web_bg.wasm'), join(dist, 'assets', 'argcheck_web_bg.wasm'));
copyFileSync(join(web, 'index.html'), join(dist, 'index.html'));
copyFileSync(join(web, 'src', 'favicon.svg'), join(dist, 'favicon.svg'));
const sizes = Object.entries(result.metafile.outputs).map(([f, o]) => `${posix.basename(f)} ${(o.bytes / 1024).toFixed(0)} KiB`);
console.log(`web/dist/: ${sizes.join(', ')}`);
