import { describe, expect, it } from 'vitest';
import type { Analysis } from '../../engine/analysis/analyze';
import type { Estate } from '../../engine/model/types';
import {
  AnalysisRunner,
  analysisWeight,
  needsWorker,
  WORKER_WEIGHT,
  type AnalyzeFn,
} from './analysis-runner';

// Estates here are stand-ins: the runner only uses them as keys and hands them to the backend.
function estate(name: string, large = false): Estate {
  return { name, large } as unknown as Estate;
}
const isLarge = (e: Estate) => (e as unknown as { large: boolean }).large;

function analysisOf(e: Estate): Analysis {
  return {
    findings: [],
    paths: [],
    automaticAssignments: [],
    summary: { findings: { error: 0, warning: 0, info: 0 }, paths: {} },
    of: e.name,
  } as unknown as Analysis;
}
const nameOf = (a: Analysis | undefined) => (a as unknown as { of?: string } | undefined)?.of;

/** A promise the test settles by hand. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((yes, no) => {
    resolve = yes;
    reject = no;
  });
  return { promise, resolve, reject };
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

function setUp() {
  const engineCalls: string[] = [];
  const workerCalls: { estate: Estate; done: ReturnType<typeof deferred<Analysis>> }[] = [];
  const engine = deferred<AnalyzeFn>();
  const runner = new AnalysisRunner(
    {
      loadEngine: () => engine.promise,
      analyzeInWorker: (e) => {
        const done = deferred<Analysis>();
        workerCalls.push({ estate: e, done });
        return done.promise;
      },
    },
    isLarge,
  );
  const analyze: AnalyzeFn = (e) => {
    engineCalls.push(e.name);
    return analysisOf(e);
  };
  return { runner, engine, analyze, engineCalls, workerCalls };
}

describe('AnalysisRunner, small estates', () => {
  it('reports analysing until the engine chunk is in, then analyses in place, once per estate', async () => {
    const { runner, engine, analyze, engineCalls } = setUp();
    const small = estate('small');
    expect(runner.view(small, 1)).toEqual({ analysis: undefined, status: 'analysing', stale: false });
    const before = runner.getVersion();
    runner.request(small, 1);
    engine.resolve(analyze);
    await flush();
    expect(runner.getVersion()).toBeGreaterThan(before);
    const view = runner.view(small, 1);
    expect(view.status).toBe('ready');
    expect(nameOf(view.analysis)).toBe('small');
    runner.view(small, 1);
    expect(engineCalls).toEqual(['small']);
  });

  it('analyses an edited small estate synchronously, with no analysing step in between', async () => {
    const { runner, engine, analyze } = setUp();
    runner.request(estate('v1'), 1);
    engine.resolve(analyze);
    await flush();
    const edited = estate('v2');
    const view = runner.view(edited, 1);
    expect(view.status).toBe('ready');
    expect(nameOf(view.analysis)).toBe('v2');
  });

  it('fetches the engine for a small estate that arrived analysed, so the first edit is analysed in place', async () => {
    let loads = 0;
    const runner = new AnalysisRunner({ loadEngine: () => (loads++, Promise.resolve(analysisOf)) }, isLarge);
    const loaded = estate('loaded');
    runner.prime(loaded, analysisOf(loaded));
    runner.request(loaded, 1);
    await flush();
    expect(loads).toBe(1);
    expect(runner.view(estate('edited'), 1).status).toBe('ready');
  });

  it('lets the engine prepare for edits of a small estate that arrived analysed, once, when the page is idle', async () => {
    const warmed: string[] = [];
    const engine = Object.assign((e: Estate) => analysisOf(e), { warm: (e: Estate) => warmed.push(e.name) });
    const runner = new AnalysisRunner({ loadEngine: () => Promise.resolve(engine) }, isLarge);
    const loaded = estate('loaded');
    runner.prime(loaded, analysisOf(loaded));
    runner.request(loaded, 1);
    await flush();
    await flush();
    runner.request(loaded, 1);
    await flush();
    expect(warmed).toEqual(['loaded']);
  });

  it('does not fetch the engine for a large estate that the worker analyses', () => {
    let loads = 0;
    const runner = new AnalysisRunner(
      {
        loadEngine: () => (loads++, Promise.resolve(analysisOf)),
        analyzeInWorker: (e) => Promise.resolve(analysisOf(e)),
      },
      isLarge,
    );
    runner.request(estate('big', true), 1);
    expect(loads).toBe(0);
  });

  it('reports a failing analysis instead of throwing, and does not retry it on every render', async () => {
    const { runner, engine } = setUp();
    let calls = 0;
    engine.resolve(() => {
      calls++;
      throw new Error('rule exploded');
    });
    await runner.ensureEngine();
    const broken = estate('broken');
    expect(runner.view(broken, 1)).toMatchObject({
      status: 'failed',
      error: 'rule exploded',
      analysis: undefined,
    });
    runner.view(broken, 1);
    expect(calls).toBe(1);
  });

  it('says so when the engine chunk cannot be fetched, and tries again on the next request', async () => {
    let attempts = 0;
    const runner = new AnalysisRunner(
      {
        loadEngine: () =>
          ++attempts === 1 ? Promise.reject(new Error('offline')) : Promise.resolve(analysisOf),
      },
      isLarge,
    );
    const small = estate('small');
    runner.request(small, 1);
    await flush();
    expect(runner.view(small, 1)).toMatchObject({
      status: 'failed',
      error: 'The analysis engine could not be loaded: offline',
    });
    runner.request(small, 1);
    await flush();
    expect(runner.view(small, 1)).toMatchObject({ status: 'ready' });
    expect(attempts).toBe(2);
  });
});

describe('AnalysisRunner, large estates', () => {
  it('sends a large estate to the worker and never analyses it on this thread', async () => {
    const { runner, engine, analyze, engineCalls, workerCalls } = setUp();
    engine.resolve(analyze);
    await runner.ensureEngine();
    const big = estate('big', true);
    expect(runner.view(big, 1).status).toBe('analysing');
    runner.request(big, 1);
    runner.request(big, 1);
    expect(workerCalls.map((c) => c.estate.name)).toEqual(['big']);
    workerCalls[0]?.done.resolve(analysisOf(big));
    await flush();
    expect(nameOf(runner.view(big, 1).analysis)).toBe('big');
    expect(engineCalls).toEqual([]);
  });

  it('keeps the previous analysis of the same document on screen, marked stale, while an edit is analysed', async () => {
    const { runner, workerCalls } = setUp();
    const v1 = estate('v1', true);
    runner.request(v1, 7);
    workerCalls[0]?.done.resolve(analysisOf(v1));
    await flush();
    expect(runner.view(v1, 7).status).toBe('ready');
    const v2 = estate('v2', true);
    runner.request(v2, 7);
    const view = runner.view(v2, 7);
    expect(view).toMatchObject({ status: 'analysing', stale: true });
    expect(nameOf(view.analysis)).toBe('v1');
  });

  it('reuses the analysis when an edit changed only the review, without asking the worker again', async () => {
    const { runner, workerCalls } = setUp();
    const v1 = estate('v1', true);
    runner.request(v1, 3);
    workerCalls[0]?.done.resolve(analysisOf(v1));
    await flush();
    const reviewed = { ...v1, review: { entries: [{ finding: 'f', status: 'fixed' }] } } as unknown as Estate;
    runner.request(reviewed, 3);
    expect(workerCalls).toHaveLength(1);
    expect(runner.view(reviewed, 3)).toMatchObject({ status: 'ready', stale: false });
    expect(nameOf(runner.view(reviewed, 3).analysis)).toBe('v1');
    // Anything else that changes is analysed again.
    const renamed = { ...reviewed, name: 'v2' } as unknown as Estate;
    runner.request(renamed, 3);
    expect(workerCalls).toHaveLength(2);
  });

  it('never shows the analysis of another document while a newly opened one is analysed', async () => {
    const { runner, workerCalls } = setUp();
    const first = estate('first', true);
    runner.request(first, 1);
    workerCalls[0]?.done.resolve(analysisOf(first));
    await flush();
    runner.view(first, 1);
    const other = estate('other', true);
    runner.request(other, 2);
    expect(runner.view(other, 2)).toEqual({ analysis: undefined, status: 'analysing', stale: false });
  });

  it('analyses only the newest of several edits made while the worker was busy', async () => {
    const { runner, workerCalls } = setUp();
    const [v1, v2, v3, v4] = ['v1', 'v2', 'v3', 'v4'].map((name) => estate(name, true)) as [
      Estate,
      Estate,
      Estate,
      Estate,
    ];
    runner.request(v1, 1);
    runner.request(v2, 1);
    runner.request(v3, 1);
    runner.request(v4, 1);
    expect(workerCalls.map((c) => c.estate.name)).toEqual(['v1']);
    workerCalls[0]?.done.resolve(analysisOf(v1));
    await flush();
    expect(workerCalls.map((c) => c.estate.name)).toEqual(['v1', 'v4']);
    // While v4 computes, the newest finished analysis (v1) is what stands in for it.
    expect(nameOf(runner.view(v4, 1).analysis)).toBe('v1');
    workerCalls[1]?.done.resolve(analysisOf(v4));
    await flush();
    expect(runner.view(v4, 1)).toMatchObject({ status: 'ready', stale: false });
    expect(nameOf(runner.view(v4, 1).analysis)).toBe('v4');
  });

  it('reports a worker failure for that estate and goes on with the next one', async () => {
    const { runner, workerCalls } = setUp();
    const bad = estate('bad', true);
    const good = estate('good', true);
    runner.request(bad, 1);
    runner.request(good, 1);
    workerCalls[0]?.done.reject(new Error('out of memory'));
    await flush();
    expect(runner.view(bad, 1)).toMatchObject({ status: 'failed', error: 'out of memory' });
    expect(workerCalls.map((c) => c.estate.name)).toEqual(['bad', 'good']);
  });

  it('tells when nothing more is to come for an estate: analysed, failed, or passed over for a newer edit', async () => {
    const { runner, workerCalls } = setUp();
    const [v1, v2, v3, bad] = ['v1', 'v2', 'v3', 'bad'].map((name) => estate(name, true)) as [Estate, Estate, Estate, Estate];
    runner.request(v1, 1);
    runner.request(v2, 1);
    expect([runner.settled(v1), runner.settled(v2)]).toEqual([false, false]);
    // v3 takes v2's place in the queue: v2 will never be analysed.
    runner.request(v3, 1);
    expect([runner.settled(v2), runner.settled(v3)]).toEqual([true, false]);
    workerCalls[0]?.done.resolve(analysisOf(v1));
    await flush();
    expect([runner.settled(v1), runner.settled(v3)]).toEqual([true, false]);
    workerCalls[1]?.done.resolve(analysisOf(v3));
    await flush();
    expect(runner.settled(v3)).toBe(true);
    runner.request(bad, 1);
    expect(runner.settled(bad)).toBe(false);
    workerCalls[2]?.done.reject(new Error('out of memory'));
    await flush();
    expect(runner.settled(bad)).toBe(true);
  });

  it('runs what waits for an estate once a commit has shown its analysis, not when the analysis arrives', async () => {
    const { runner, workerCalls } = setUp();
    const [v1, v2, v3] = ['v1', 'v2', 'v3'].map((name) => estate(name, true)) as [Estate, Estate, Estate];
    const ran: string[] = [];
    runner.request(v1, 1);
    runner.whenShown(v1, () => ran.push('v1'));
    // Passed over for a newer edit (v3 takes v2's place in the queue): nothing is to come for v2, nothing waits.
    runner.request(v2, 1);
    runner.request(v3, 1);
    runner.whenShown(v2, () => ran.push('v2'));
    expect(ran).toEqual(['v2']);
    workerCalls[0]?.done.resolve(analysisOf(v1));
    await flush();
    // Arrived, and its render is under way: not yet.
    expect(ran).toEqual(['v2']);
    runner.shown(v1);
    expect(ran).toEqual(['v2', 'v1']);
    // Shown before anyone asks: at once, and once.
    runner.whenShown(v1, () => ran.push('v1 again'));
    runner.shown(v1);
    expect(ran).toEqual(['v2', 'v1', 'v1 again']);
  });

  it('runs what waits for an analysis no commit shows once the wait is over', async () => {
    const { runner, workerCalls } = setUp();
    const v1 = estate('v1', true);
    const ran: string[] = [];
    runner.request(v1, 1);
    runner.whenShown(v1, () => ran.push('v1'), 10);
    await new Promise((resolve) => setTimeout(resolve, 30));
    // Still being analysed: the wait starts when the analysis is in.
    expect(ran).toEqual([]);
    workerCalls[0]?.done.resolve(analysisOf(v1));
    await flush();
    expect(ran).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(ran).toEqual(['v1']);
  });

  it('analyses a large estate on this thread when no worker can run', async () => {
    const runner = new AnalysisRunner({ loadEngine: () => Promise.resolve(analysisOf) }, isLarge);
    const big = estate('big', true);
    runner.request(big, 1);
    await flush();
    expect(nameOf(runner.view(big, 1).analysis)).toBe('big');
  });

  it('uses an analysis primed by the loading worker without computing one', () => {
    const { runner, workerCalls } = setUp();
    const big = estate('big', true);
    runner.prime(big, analysisOf(big));
    runner.request(big, 1);
    expect(workerCalls).toEqual([]);
    expect(runner.view(big, 1).status).toBe('ready');
  });
});

describe('needsWorker', () => {
  const sized = (assignments: number, users: number): Estate =>
    ({
      roleAssignments: Array.from({ length: assignments }),
      users: Array.from({ length: users }),
      groups: [],
      servicePrincipals: [],
      userAssignedIdentities: [],
      workspaces: [],
      storageAccounts: [],
      keyVaults: [],
      containerRegistries: [],
      computes: [],
      onlineEndpoints: [],
      onlineDeployments: [],
      datastores: [],
      connections: [],
      jobs: [],
    }) as unknown as Estate;

  it('keeps a one-team estate on the main thread', () => {
    expect(analysisWeight(sized(300, 50))).toBe(350);
    expect(needsWorker(sized(300, 50))).toBe(false);
  });

  it('sends a business-unit estate to the worker', () => {
    expect(needsWorker(sized(5_000, 1_000))).toBe(true);
    expect(needsWorker(sized(WORKER_WEIGHT, 1))).toBe(true);
  });
});

describe('analyses made elsewhere', () => {
  it('hands a large primed estate to the worker to keep, and keeps a small one to this thread', () => {
    const held: string[] = [];
    const runner = new AnalysisRunner(
      {
        loadEngine: () => new Promise<AnalyzeFn>(() => undefined),
        analyzeInWorker: (e) => Promise.resolve(analysisOf(e)),
        holdInWorker: (e, analysis) => held.push(`${e.name}:${nameOf(analysis) ?? ''}`),
      },
      isLarge,
    );
    const large = estate('unit', true);
    runner.prime(large, analysisOf(large));
    runner.prime(large, analysisOf(large));
    runner.prime(estate('team'), analysisOf(estate('team')));
    expect(held).toEqual(['unit:unit']);
    expect(nameOf(runner.peek(large))).toBe('unit');
  });
});
