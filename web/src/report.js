// Download report: the handout of `argcheck report` (issue 17 §1), built by the library in the
// engine worker from the last analysis — the page never renders a report of its own. The file is
// made in the browser (a Blob) and saved; nothing is sent anywhere.

/**
 * Ask the engine for the handout of the last analysis and save it as `NAME.html`.
 * @param {import('./worker-client.js').WorkerClient} engine
 * @param {{name: string}[]} files the page's files; the first names the download
 */
export async function downloadReport(engine, files) {
  const { result } = await engine.request('report', {});
  if (result.error) throw new Error(`No report: ${result.error}`);
  const base = (files[0]?.name ?? 'argcheck').split('/').pop().replace(/\.rules$/, '');
  const url = URL.createObjectURL(new Blob([result.html], { type: 'text/html' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = `${base}.html`;
  document.body.append(a);
  a.click();
  a.remove();
  // Give the download time to start before the URL is let go.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
