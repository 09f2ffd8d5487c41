import type { Analysis, Estate } from '../../engine';
import { AnalysisAssembler, type AnalysisRequest, type AnalysisResponse } from './analysis-protocol';

let worker: Worker | undefined;
let broken = typeof Worker === 'undefined';
let nextId = 0;
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
    for (const pending of waiting.values()) pending.reject(new Error('The analysis worker stopped.'));
    waiting.clear();
  });
  return worker;
}

/** Whether a worker can be used here at all (none in old browsers, or when a policy refuses it). */
export function workerAvailable(): boolean {
  return !broken;
}

/** Analyses an estate in the shared analysis worker. */
export function analyzeInWorker(estate: Estate): Promise<Analysis> {
  const target = start();
  if (!target) return Promise.reject(new Error('Web Workers are not available.'));
  const id = ++nextId;
  return new Promise<Analysis>((resolve, reject) => {
    waiting.set(id, { assembler: new AnalysisAssembler(), resolve, reject });
    target.postMessage({ id, estate } satisfies AnalysisRequest);
  });
}
