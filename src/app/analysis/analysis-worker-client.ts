import type { Analysis, Estate } from '../../engine';
import { AnalysisAssembler, type AnalysisRequest, type AnalysisResponse } from './analysis-protocol';
import { estatePatch, type EstatePatch } from './estate-patch';

let worker: Worker | undefined;
let broken = typeof Worker === 'undefined';
let nextId = 0;
// The estate last sent to the worker (the next one goes as a patch against it), and the analysis last
// received from it (the next answer may come as what changed since).
let sentEstate: { id: number; estate: Estate } | undefined;
let received: { id: number; analysis: Analysis } | undefined;
/** The latest request still waiting to be copied to the worker, if any: the next one must go after it. */
let pendingCopy: Promise<void> | undefined;
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
 * Up to this many entities in a patch, the request is sent at once, in the task that asks for it: copying a
 * what-if edit's patch to the worker takes well under a millisecond, and every frame it waited was a frame
 * the worker did not spend analysing (on a business unit, the edit's own paint and the panels' context build
 * came first: about 450 ms). A larger request (a whole estate) is copied only once `copyLater` resolves.
 */
const SEND_AT_ONCE_ITEMS = 2_000;

function patchItems(patch: EstatePatch): number {
  let items = Object.keys(patch.set).length;
  for (const { items: changed } of Object.values(patch.collections)) items += changed.length;
  return items;
}

/**
 * Analyses an estate in the shared analysis worker. An estate edited from the one sent last goes as a patch
 * (the worker keeps the estate), and the answer comes as what changed since the analysis received last.
 * A small patch is posted at once; a whole estate, or a patch as large as one, waits for `copyLater` (the
 * caller's next paint), so that its copy does not hold up what the page is drawing.
 */
export function analyzeInWorker(estate: Estate, copyLater: () => Promise<void> = () => Promise.resolve()): Promise<Analysis> {
  const target = start();
  if (!target) return Promise.reject(new Error('Web Workers are not available.'));
  const id = ++nextId;
  const since = received;
  const base = sentEstate;
  sentEstate = { id, estate };
  const patch = base ? estatePatch(base.estate, estate) : undefined;
  const request: AnalysisRequest = base && patch
    ? { id, base: base.id, patch, ...(since ? { since: since.id } : {}) }
    : { id, estate, ...(since ? { since: since.id } : {}) };
  const atOnce = patch !== undefined && patchItems(patch) <= SEND_AT_ONCE_ITEMS;
  return new Promise<Analysis>((resolve, reject) => {
    waiting.set(id, { assembler: new AnalysisAssembler(since), resolve, reject });
    // Requests reach the worker in the order of their ids even when one waits: a later one goes after it.
    if (atOnce && pendingCopy === undefined) target.postMessage(request);
    else {
      const copied = (pendingCopy ?? Promise.resolve()).then(atOnce ? undefined : copyLater).then(() => target.postMessage(request));
      pendingCopy = copied;
      void copied.finally(() => {
        if (pendingCopy === copied) pendingCopy = undefined;
      });
    }
  }).then(
    (analysis) => {
      received = { id, analysis };
      return analysis;
    },
    (error: unknown) => {
      // A worker that lost the estate (it was restarted) gets the whole of it once more.
      if ((error as { code?: string }).code !== 'no-base') throw error;
      sentEstate = undefined;
      return analyzeInWorker(estate, copyLater);
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
