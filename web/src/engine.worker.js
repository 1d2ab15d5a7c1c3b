// The engine worker: the argcheck library compiled to WebAssembly (web/pkg, made by wasm-bindgen).
// It answers one request at a time; the page ends it (terminate) when a request outlives the time
// limit, and starts a new one.
import init, { Playground, format, panic_message } from '../pkg/argcheck_web.js';

const ready = init({ module_or_path: new URL('argcheck_web_bg.wasm', import.meta.url) });
let engine = null;

function call(op, args) {
  switch (op) {
    case 'analyse':
      return engine.analyse(JSON.stringify(args.files), JSON.stringify(args.options ?? {}));
    case 'explain':
      return engine.explain(args.position, args.literal);
    case 'graph':
      return engine.graph(args.position, args.literal ?? '');
    case 'diff':
      return engine.diff(args.a, args.b);
    case 'report':
      return engine.report();
    case 'format':
      return format(args.name, args.text);
    default:
      throw new Error(`unknown request ${op}`);
  }
}

self.onmessage = async (event) => {
  const { id, op, args } = event.data;
  try {
    await ready;
    engine ??= new Playground();
    const t0 = performance.now();
    const text = call(op, args);
    const ms = performance.now() - t0;
    self.postMessage({ id, ok: true, result: JSON.parse(text), ms });
  } catch (err) {
    let panic = null;
    try { panic = panic_message(); } catch { /* the instance is gone */ }
    // After a trap the instance's memory cannot be trusted: the page restarts the worker.
    self.postMessage({ id, ok: false, error: String(err?.message ?? err), panic, fatal: true });
  }
};
