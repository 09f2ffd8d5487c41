import { type Analysis, type Estate, sameAnalysisInputs } from '../../engine';

/**
 * The engine's `analyze`, once its chunk has loaded. `warm`, when there, prepares the engine to analyse edits
 * of `estate` quickly (it analyses it once, recording what each rule reads): for an estate whose analysis
 * came from elsewhere, run when the page is idle.
 */
export type AnalyzeFn = ((estate: Estate) => Analysis) & { warm?: (estate: Estate) => void };

/** Where analyses are computed: the engine loaded into this thread, and optionally a worker. */
export interface AnalysisBackend {
  /** Loads the rules and path resolver (a separate chunk: most of the engine's code). */
  loadEngine: () => Promise<AnalyzeFn>;
  /** Analyses in a Web Worker; undefined when no worker can run here. */
  analyzeInWorker?: ((estate: Estate) => Promise<Analysis>) | undefined;
  /** Gives the worker an estate analysed elsewhere, so that its next edit is analysed incrementally. */
  holdInWorker?: ((estate: Estate, analysis: Analysis) => void) | undefined;
}

/** What a view shows for the open estate. */
export interface AnalysisView {
  /**
   * The analysis to draw. While `status` is `analysing` this is the last analysis finished for an earlier
   * version of the same document (then `stale` is true), or nothing.
   */
  analysis: Analysis | undefined;
  status: 'ready' | 'analysing' | 'failed';
  stale: boolean;
  /** Why the analysis failed, when it did. */
  error?: string;
}

/**
 * Above this weight an estate is analysed in a worker. S (one team, ~300 assignments and ~150 entities)
 * stays well below it, so a what-if edit there is analysed in the same frame; M (a business unit, ~5,000
 * assignments) is far above it, and its analysis takes a second or more.
 */
export const WORKER_WEIGHT = 1_500;

/**
 * A cheap stand-in for the analysis cost of an estate: its role assignments plus its entities. The work of
 * the rules and paths grows with both (resources times the principals holding roles above them).
 */
export function analysisWeight(estate: Estate): number {
  return (
    estate.roleAssignments.length +
    estate.users.length +
    estate.groups.length +
    estate.servicePrincipals.length +
    estate.userAssignedIdentities.length +
    estate.workspaces.length +
    estate.storageAccounts.length +
    estate.keyVaults.length +
    estate.containerRegistries.length +
    estate.computes.length +
    estate.onlineEndpoints.length +
    estate.onlineDeployments.length +
    estate.datastores.length +
    estate.connections.length +
    estate.jobs.length
  );
}

/** Whether an estate is big enough that analysing it on the main thread would freeze the page. */
export function needsWorker(estate: Estate): boolean {
  return analysisWeight(estate) > WORKER_WEIGHT;
}

const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * Computes and caches analyses, one per estate object (estates are replaced, never mutated, so the object
 * is the key). Small estates are analysed synchronously once the engine chunk is in, so an edit repaints
 * with its findings in one frame; large ones go to a worker, one at a time, and while one is on its way the
 * view keeps the previous analysis of the same document, marked stale. Only the newest request waits:
 * a burst of edits analyses the first and the last, not every step in between.
 */
export class AnalysisRunner {
  private readonly cache = new WeakMap<Estate, Analysis>();
  private readonly failures = new WeakMap<Estate, string>();
  private readonly warmed = new WeakSet<Estate>();
  private engine: AnalyzeFn | undefined;
  private engineLoad: Promise<AnalyzeFn> | undefined;
  private engineError: string | undefined;
  private inFlight: Estate | undefined;
  private queued: { estate: Estate; document: number } | undefined;
  /** The newest finished analysis and the document it belongs to, shown while the next one computes. */
  private latest: { document: number; estate: Estate; analysis: Analysis } | undefined;
  private version = 0;
  private readonly listeners = new Set<() => void>();
  /** Estates whose own analysis a commit has shown (see `shown`), and who waits for that. */
  private readonly shownEstates = new WeakSet<Estate>();
  private readonly shownListeners = new Set<() => void>();

  constructor(
    private readonly backend: AnalysisBackend,
    private readonly isLarge: (estate: Estate) => boolean = needsWorker,
  ) {}

  /** For useSyncExternalStore: called whenever an analysis finishes or fails. */
  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Changes whenever what `view` returns may have changed. */
  readonly getVersion = (): number => this.version;

  private notify(): void {
    this.version++;
    for (const listener of [...this.listeners]) listener();
  }

  /** Records an analysis computed elsewhere (the loading worker) for exactly this estate. */
  prime(estate: Estate, analysis: Analysis): void {
    if (this.cache.has(estate)) return;
    this.cache.set(estate, analysis);
    if (this.isLarge(estate)) this.backend.holdInWorker?.(estate, analysis);
  }

  /**
   * Whether nothing more is to come for `estate`: its analysis is in, or failed, or it is neither being analysed
   * in the worker nor waiting to be (a newer version took its place in the queue).
   */
  settled(estate: Estate): boolean {
    return this.cached(estate) !== undefined || this.failures.has(estate) || (this.inFlight !== estate && this.queued?.estate !== estate);
  }

  /**
   * Records that a commit has shown `estate` with its own analysis (called from an effect). Tells those waiting
   * in `whenShown`, never the views: this is no news for them.
   */
  shown(estate: Estate): void {
    if (this.shownEstates.has(estate)) return;
    this.shownEstates.add(estate);
    for (const listener of [...this.shownListeners]) listener();
  }

  /**
   * Calls `run` once the page has committed what is to come for `estate`: its analysis shown, or nothing coming
   * (it failed, or a newer version took its place). Later than `settled`: the analysis arriving starts a render of
   * the graph and the panels, in slices, and work run between two slices that re-renders anything (the panels'
   * context) made React start that render again from the beginning; on a business unit the graph's model, lens
   * and edges were then computed twice for one edit. Should no commit come within `waitMs` of the analysis (no
   * view mounted), `run` runs then.
   */
  whenShown(estate: Estate, run: () => void, waitMs = 2_000): void {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const done = () => this.shownEstates.has(estate) || this.failures.has(estate) || (this.cached(estate) === undefined && this.settled(estate));
    const finish = () => {
      stopShown();
      stopVersion();
      if (timer !== undefined) clearTimeout(timer);
      run();
    };
    const look = () => {
      if (done()) finish();
      else if (timer === undefined && this.settled(estate)) timer = setTimeout(finish, waitMs);
    };
    this.shownListeners.add(look);
    const stopShown = () => this.shownListeners.delete(look);
    const stopVersion = this.subscribe(look);
    look();
  }

  /** The finished analysis of this estate, if there is one; never starts work. */
  peek(estate: Estate): Analysis | undefined {
    return this.cached(estate);
  }

  /**
   * The analysis of `estate` if it is known, including through the last estate analysed when the two differ
   * only in what the analysis does not read (a review note): then there is nothing to recompute.
   */
  private cached(estate: Estate): Analysis | undefined {
    const known = this.cache.get(estate);
    if (known) return known;
    const latest = this.latest;
    if (latest && sameAnalysisInputs(latest.estate, estate)) {
      this.cache.set(estate, latest.analysis);
      return latest.analysis;
    }
    return undefined;
  }

  /**
   * What to show for `estate`, the current version of document `document`. Analyses a small estate on the
   * spot when the engine is loaded; otherwise reports `analysing` (call `request` to get it going).
   */
  view(estate: Estate, document: number): AnalysisView {
    let analysis = this.cached(estate);
    if (!analysis && this.engine && !this.isLarge(estate) && !this.failures.has(estate)) {
      try {
        analysis = this.engine(estate);
        this.cache.set(estate, analysis);
      } catch (error) {
        this.failures.set(estate, message(error));
      }
    }
    if (analysis) {
      this.latest = { document, estate, analysis };
      return { analysis, status: 'ready', stale: false };
    }
    const failure = this.failures.get(estate) ?? (this.isLarge(estate) ? undefined : this.engineError);
    if (failure !== undefined) return { analysis: undefined, status: 'failed', stale: false, error: failure };
    // An analysis of another document would show findings about things that are not there: never that.
    const previous = this.latest?.document === document ? this.latest.analysis : undefined;
    return { analysis: previous, status: 'analysing', stale: previous !== undefined };
  }

  /**
   * Starts whatever `view(estate)` is waiting for: the engine chunk, or a worker analysis. Idempotent. For a
   * small estate the engine is fetched even when its analysis came ready-made from the loading worker, so
   * that the first what-if edit is analysed in place rather than after a download.
   */
  request(estate: Estate, document: number): void {
    const needed = this.cached(estate) === undefined && !this.failures.has(estate);
    const large = this.isLarge(estate);
    if (large && this.backend.analyzeInWorker) {
      if (needed) this.enqueue(estate, document);
      return;
    }
    if (!needed && !large && this.engine) this.warm(estate);
    if (!needed && (large || this.engine)) return;
    void this.ensureEngine().then(
      (engine) => {
        if (!needed) {
          if (!large) this.warm(estate);
          return;
        }
        // A large estate lands here only without a worker: analyse it here, as the page did before.
        if (large && !this.cache.has(estate) && !this.failures.has(estate)) {
          try {
            this.cache.set(estate, engine(estate));
          } catch (error) {
            this.failures.set(estate, message(error));
          }
        }
        this.notify();
      },
      () => {
        if (needed) this.notify();
      },
    );
  }

  /**
   * Once the page is idle, lets the engine prepare for edits of a small estate whose analysis it did not make
   * (it came from the loading worker): the first what-if edit is then analysed incrementally too.
   */
  private warm(estate: Estate): void {
    const warm = this.engine?.warm;
    if (!warm || this.warmed.has(estate)) return;
    this.warmed.add(estate);
    const run = () => {
      try {
        warm(estate);
      } catch {
        // Only a head start: the edit's own analysis reports any failure.
      }
    };
    if (typeof requestIdleCallback === 'function') requestIdleCallback(run, { timeout: 2_000 });
    else setTimeout(run, 0);
  }

  /** Loads the engine chunk once; resolves with `analyze`. */
  ensureEngine(): Promise<AnalyzeFn> {
    this.engineLoad ??= this.backend.loadEngine().then(
      (engine) => {
        this.engine = engine;
        this.engineError = undefined;
        return engine;
      },
      (error: unknown) => {
        // Let a later request try again (a flaky network while fetching the chunk).
        this.engineLoad = undefined;
        this.engineError = `The analysis engine could not be loaded: ${message(error)}`;
        throw error;
      },
    );
    return this.engineLoad;
  }

  /** The analysis of an estate, however it has to be computed (exports and other one-off uses). */
  async analysisOf(estate: Estate): Promise<Analysis> {
    const cached = this.cached(estate);
    if (cached) return cached;
    const failed = this.failures.get(estate);
    if (failed !== undefined) throw new Error(failed);
    if (this.isLarge(estate) && this.backend.analyzeInWorker) return this.backend.analyzeInWorker(estate);
    const analysis = (await this.ensureEngine())(estate);
    this.cache.set(estate, analysis);
    return analysis;
  }

  private enqueue(estate: Estate, document: number): void {
    if (this.inFlight === estate) return;
    if (this.inFlight) {
      // Replaces any older waiting request: by the time the worker is free only the newest estate matters.
      this.queued = { estate, document };
      return;
    }
    const run = this.backend.analyzeInWorker;
    if (!run) return;
    this.inFlight = estate;
    run(estate)
      .then(
        (analysis) => {
          this.cache.set(estate, analysis);
          this.latest = { document, estate, analysis };
        },
        (error: unknown) => this.failures.set(estate, message(error)),
      )
      .finally(() => {
        this.inFlight = undefined;
        const next = this.queued;
        this.queued = undefined;
        if (next && this.cached(next.estate) === undefined && !this.failures.has(next.estate))
          this.enqueue(next.estate, next.document);
        this.notify();
      });
  }
}
