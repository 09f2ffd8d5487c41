import type { Analysis, Estate } from '../../engine';
import { AnalysisAssembler, type AnalysisRequest, type AnalysisResponse } from './analysis-protocol';
import { estatePatch } from './estate-patch';

let worker: Worker | undefined;
let broken = typeof Worker === 'undefined';
let nextId = 0;
// The estate last sent to the worker (the next one goes as a patch against it), and the analysis last
// received from it (the next answer may come as what changed since).
let sentEstate: { id: number; estate: Estate } | undefined;
let received: { id: number; analysis: Analysis } | undefined;
const waiting = new Map<
  number,
  { assembler: AnalysisAssembler; resolve: (analysis: Analysis) => void; reject: (error: Error) => void }
>();

function start(): Worker | undefined {
  if (broken) return undefined;
  if (worker) return worker;
  try {
    worker = new Worker(new URL('./analysis.worker.ts', import.meta.url), {
      type: 'module',
      name: 'estate-analysis',
    });
  } catch {
    broken = true;
    return undefined;
  }
  worker.addEventListener('message', (event: MessageEvent<AnalysisResponse>) => {
    const reply = event.data;
    const pending = waiting.get(reply.id);
    if (!pending) return;
    try {
      const analysis = pending.assembler.add(reply);
      if (!analysis) return;
      waiting.delete(reply.id);
      pending.resolve(analysis);
    } catch (error) {
      waiting.delete(reply.id);
      pending.reject(error instanceof Error ? error : new Error(String(error)));
    }
  });
  worker.addEventListener('error', (event) => {
    // A worker that cannot start (a blocked script, say) is not tried again; what waits on it fails and the
    // runner falls back to this thread for the next request.
    event.preventDefault();
    broken = true;
    worker?.terminate();
    worker = undefined;
    sentEstate = undefined;
    received = undefined;
    for (const pending of waiting.values()) pending.reject(new Error('The analysis worker stopped.'));
    waiting.clear();
  });
  return worker;
}

/** Whether a worker can be used here at all (none in old browsers, or when a policy refuses it). */
export function workerAvailable(): boolean {
  return !broken;
}

/**
 * Analyses an estate in the shared analysis worker. An estate edited from the one sent last goes as a patch
 * (the worker keeps the estate), and the answer comes as what changed since the analysis received last.
 */
export function analyzeInWorker(estate: Estate): Promise<Analysis> {
  const target = start();
  if (!target) return Promise.reject(new Error('Web Workers are not available.'));
  const id = ++nextId;
  const since = received;
  const base = sentEstate;
  sentEstate = { id, estate };
  const request: AnalysisRequest = base
    ? { id, base: base.id, patch: estatePatch(base.estate, estate), ...(since ? { since: since.id } : {}) }
    : { id, estate, ...(since ? { since: since.id } : {}) };
  return new Promise<Analysis>((resolve, reject) => {
    waiting.set(id, { assembler: new AnalysisAssembler(since), resolve, reject });
    target.postMessage(request);
  }).then(
    (analysis) => {
      received = { id, analysis };
      return analysis;
    },
    (error: unknown) => {
      // A worker that lost the estate (it was restarted) gets the whole of it once more.
      if ((error as { code?: string }).code !== 'no-base') throw error;
      sentEstate = undefined;
      return analyzeInWorker(estate);
    },
  );
}

/**
 * Hands the worker an estate whose analysis this page already has (from the loading worker), so that the
 * first what-if edit on it goes as a patch and comes back as what changed. Analysis is deterministic, so the
 * worker's own analysis of the estate is the one held here.
 */
export function holdInWorker(estate: Estate, analysis: Analysis): void {
  const target = start();
  if (!target) return;
  const id = ++nextId;
  sentEstate = { id, estate };
  const held = { id, analysis };
  waiting.set(id, {
    assembler: new AnalysisAssembler(held),
    resolve: () => {
      // Only if nothing newer came back meanwhile.
      if (received === undefined || received.id < id) received = held;
    },
    reject: () => undefined,
  });
  target.postMessage({ id, hold: estate } satisfies AnalysisRequest);
}
