// Benchmark (not a test): the page's time to interactive, re-evaluation of the Assad lesson after
// an edit (in the worker), and the compressed size of web/dist. Run after web/build.sh:
//   node scripts/bench.mjs
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, dirname, relative } from 'node:path';
import { gzipSync, brotliCompressSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serve } from '../test/serve.mjs';

const web = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(web, 'dist');
const RUNS = Number(process.env.RUNS ?? 7);
const EDITS = Number(process.env.EDITS ?? 30);

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const p90 = (xs) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.9))];
const ms = (x) => `${x.toFixed(1)} ms`;

// --- Size.
function files(dir) {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p) : [p];
  });
}
let raw = 0;
let gz = 0;
let br = 0;
let firstGz = 0;
// Graphviz (graph.worker.js) is fetched just after the page is interactive.
const later = new Set(['assets/graph.worker.js']);
for (const f of files(dist)) {
  const b = readFileSync(f);
  const g = gzipSync(b, { level: 9 }).length;
  raw += b.length;
  gz += g;
  br += brotliCompressSync(b).length;
  if (!later.has(relative(dist, f))) firstGz += g;
  if (process.env.VERBOSE) console.log(`  ${relative(dist, f)}: ${b.length} B, gzip ${g} B`);
}
const kib = (n) => `${(n / 1024).toFixed(0)} KiB`;
console.log(`dist/: ${kib(raw)} uncompressed, ${kib(gz)} gzip -9, ${kib(br)} brotli; before the table is shown (all but Graphviz) ${kib(firstGz)} gzip -9`);

// --- Browser.
const server = await serve(dist, { gzip: true });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const tti = [];
  for (let i = 0; i < RUNS; i++) {
    const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
    const page = await context.newPage();
    await page.goto(server.url);
    await page.evaluate(() => window.argcheckPlayground.ready);
    tti.push(await page.evaluate(() => window.argcheckPlayground.ttiMs));
    await context.close();
  }
  console.log(`time to interactive (navigation start → Assad table shown), ${RUNS} loads: median ${ms(median(tti))}, max ${ms(Math.max(...tti))}`);

  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const page = await context.newPage();
  await page.goto(server.url);
  await page.evaluate(() => window.argcheckPlayground.ready);
  const inWorker = [];
  const roundTrip = [];
  for (let i = 0; i < EDITS; i++) {
    const n = await page.evaluate(() => window.argcheckPlayground.analyses);
    await page.evaluate((k) => {
      const view = window.argcheckPlayground.view(0);
      view.dispatch({ changes: { from: view.state.doc.length, insert: `# edit ${k}\n` } });
    }, i);
    await page.waitForFunction((m) => window.argcheckPlayground.analyses > m, n);
    const t = await page.evaluate(() => window.argcheckPlayground.lastAnalyse);
    inWorker.push(t.ms);
    roundTrip.push(t.wallMs);
  }
  console.log(`re-evaluation of the Assad lesson after an edit, ${EDITS} edits: in the worker median ${ms(median(inWorker))} (p90 ${ms(p90(inWorker))}); round trip from the page median ${ms(median(roundTrip))} (p90 ${ms(p90(roundTrip))})`);
  await context.close();
} finally {
  await browser.close();
  await server.close();
}
