import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Estate } from '../../engine';
import type { AnalysisRequest } from './analysis-protocol';

// A stand-in for the analysis worker: records what it is sent, answers when the test says so.
class FakeWorker {
  static last: FakeWorker | undefined;
  readonly posted: AnalysisRequest[] = [];
  private readonly listeners: ((event: { data: unknown }) => void)[] = [];
  constructor() {
    FakeWorker.last = this;
  }
  addEventListener(type: string, listener: (event: { data: unknown }) => void) {
    if (type === 'message') this.listeners.push(listener);
  }
  postMessage(message: AnalysisRequest) {
    this.posted.push(message);
  }
  terminate() {}
  answer(data: unknown) {
    for (const listener of this.listeners) listener({ data });
  }
}

// Estates as plain data: a patch is found by the identity of collections and their items.
const compute = (name: string) => ({ id: `/c/${name}`, name });
const first = { name: 'estate', computes: [compute('a'), compute('b')], users: [] } as unknown as Estate;
const edited = {
  ...first,
  computes: [first.computes[0], { ...first.computes[1], name: 'b2' }],
} as unknown as Estate;
const headPart = (id: number) => ({ id, part: 'head', rest: {} });
const done = (id: number) => ({ id, part: 'done' });

describe('analyzeInWorker', () => {
  beforeEach(() => {
    vi.resetModules();
    vi.stubGlobal('Worker', FakeWorker);
  });
  afterEach(() => vi.unstubAllGlobals());

  it('copies a whole estate only after copyLater, and posts an edit\'s small patch at once', async () => {
    const { analyzeInWorker } = await import('./analysis-worker-client');
    let paint!: () => void;
    const painted = new Promise<void>((resolve) => (paint = resolve));
    const whole = analyzeInWorker(first, () => painted);
    const worker = FakeWorker.last!;
    await Promise.resolve();
    expect(worker.posted).toHaveLength(0);
    paint();
    await vi.waitFor(() => expect(worker.posted).toHaveLength(1));
    expect('estate' in worker.posted[0]!).toBe(true);
    worker.answer(headPart(1));
    worker.answer(done(1));
    await whole;

    // The edit: posted in the same task, as a patch of the one changed compute, without waiting for a paint.
    const never = () => new Promise<void>(() => undefined);
    void analyzeInWorker(edited, never);
    expect(worker.posted).toHaveLength(2);
    const request = worker.posted[1] as Extract<AnalysisRequest, { patch: unknown }>;
    expect(request.base).toBe(1);
    expect(request.patch.collections.computes?.items).toEqual([edited.computes[1]]);
  });

  it('keeps requests in order: an edit made while a whole estate waits for its copy goes after it', async () => {
    const { analyzeInWorker } = await import('./analysis-worker-client');
    let paint!: () => void;
    const painted = new Promise<void>((resolve) => (paint = resolve));
    void analyzeInWorker(first, () => painted);
    void analyzeInWorker(edited, () => painted);
    const worker = FakeWorker.last!;
    await Promise.resolve();
    expect(worker.posted).toHaveLength(0);
    paint();
    await vi.waitFor(() => expect(worker.posted).toHaveLength(2));
    expect(worker.posted.map((request) => request.id)).toEqual([1, 2]);
  });
});
