// A worker that answers requests one at a time, each within a time limit the user sees: past the
// limit the worker is ended (terminate) and a fresh one started, so a runaway request can never
// freeze the page.

export class Stopped extends Error {
  constructor(message, ms) {
    super(message);
    this.name = 'Stopped';
    this.ms = ms;
  }
}

export class Superseded extends Error {
  constructor() {
    super('superseded by a newer request');
    this.name = 'Superseded';
  }
}

export class WorkerClient {
  /**
   * @param {URL} url the worker's module
   * @param {{timeLimitMs: number, onRestart?: (reason: string) => void}} options
   */
  constructor(url, { timeLimitMs, onRestart, lazy = false }) {
    this.url = url;
    this.timeLimitMs = timeLimitMs;
    this.onRestart = onRestart ?? (() => {});
    this.queue = [];
    this.current = null;
    this.nextId = 1;
    this.restarts = 0;
    this.worker = null;
    if (!lazy) this.start();
  }

  start() {
    this.worker = new Worker(this.url, { type: 'module' });
    this.worker.onmessage = (e) => this.settle(e.data);
    this.worker.onerror = (e) => {
      e.preventDefault?.();
      this.fail(`the engine could not start: ${e.message ?? 'worker error'}`);
    };
  }

  /** Start the worker now if it is lazy and not started yet (so that it loads while online). */
  warm() {
    if (!this.worker) this.start();
  }

  restart(reason, op = null) {
    this.worker.terminate();
    this.restarts += 1;
    this.start();
    this.onRestart(reason, op);
  }

  /**
   * Ask the worker; `latest` drops queued requests with the same key (only the newest edit matters).
   * @returns {Promise<{result: any, ms: number}>}
   */
  request(op, args, { latest = null } = {}) {
    return new Promise((resolve, reject) => {
      if (latest) {
        this.queue = this.queue.filter((r) => {
          if (r.latest === latest) {
            r.reject(new Superseded());
            return false;
          }
          return true;
        });
      }
      this.queue.push({ op, args, resolve, reject, latest });
      this.pump();
    });
  }

  pump() {
    if (this.current || this.queue.length === 0) return;
    if (!this.worker) this.start();
    const r = this.queue.shift();
    r.id = this.nextId++;
    r.started = performance.now();
    r.timer = setTimeout(() => this.timeout(r), this.timeLimitMs);
    this.current = r;
    this.worker.postMessage({ id: r.id, op: r.op, args: r.args });
  }

  timeout(r) {
    if (this.current !== r) return;
    this.current = null;
    const s = (this.timeLimitMs / 1000).toLocaleString('en');
    r.reject(new Stopped(`stopped after ${s} s`, this.timeLimitMs));
    // Requests queued behind it were asked of the engine that is being ended.
    for (const q of this.queue.splice(0)) q.reject(new Stopped('the engine was restarted', 0));
    this.restart('time limit', r.op);
  }

  fail(message) {
    const r = this.current;
    this.current = null;
    if (r) {
      clearTimeout(r.timer);
      r.reject(new Error(message));
    }
    this.restart(message);
    this.pump();
  }

  settle(data) {
    const r = this.current;
    if (!r || data.id !== r.id) return;
    clearTimeout(r.timer);
    this.current = null;
    if (data.ok) {
      r.resolve({ result: data.result, ms: data.ms, wallMs: performance.now() - r.started });
    } else {
      const err = new Error(data.panic ? `${data.error} (${data.panic})` : data.error);
      err.fatal = data.fatal;
      r.reject(err);
      if (data.fatal) this.restart('the engine failed', r.op);
    }
    this.pump();
  }
}
