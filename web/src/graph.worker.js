// The graph worker: Graphviz compiled to WebAssembly (@viz-js/viz, bundled with the page) lays
// out the DOT that the library's Graph::dot writes, and returns SVG text.
import { instance } from '@viz-js/viz';

const viz = instance();

self.onmessage = async (event) => {
  const { id, args } = event.data;
  try {
    const v = await viz;
    const t0 = performance.now();
    const result = v.render(args.dot, { format: 'svg', engine: 'dot' });
    if (result.status !== 'success') {
      const why = result.errors.map((e) => e.message).join('; ');
      throw new Error(why || 'Graphviz could not lay out the graph');
    }
    self.postMessage({ id, ok: true, result: { svg: result.output }, ms: performance.now() - t0 });
  } catch (err) {
    self.postMessage({ id, ok: false, error: String(err?.message ?? err), fatal: false });
  }
};
