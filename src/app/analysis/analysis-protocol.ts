import type { Analysis, Estate } from '../../engine';
import { applyAnalysisDelta, type AnalysisDelta } from './analysis-delta';
import type { EstatePatch } from './estate-patch';

/**
 * What the page asks the analysis worker. Estates and analyses are plain data and cross as they are. The
 * worker keeps the estate it analysed last: the next one comes as a patch against it (request `base`), not
 * as a copy of the whole estate. `since` names the analysis the page holds from this worker, so that the
 * answer can be what changed since then.
 */
export type AnalysisRequest =
  | { id: number; estate: Estate; since?: number }
  /**
   * Keep this estate, whose analysis the page already has (the loading worker made it): the worker analyses
   * it for the prints of the next delta and answers only `held`.
   */
  | { id: number; hold: Estate }
  | { id: number; base: number; patch: EstatePatch; since?: number };

/**
 * The worker's answer, in parts. A business unit's analysis is over a hundred megabytes of plain objects
 * (M: 25,878 paths with their decision traces); receiving it as one message would stop the page for a
 * second or more while the browser copies it in. Sent in parts, each copy is a short task of its own and
 * the page keeps drawing frames in between.
 */
export type AnalysisResponse =
  | { id: number; part: 'head'; rest: Omit<Analysis, 'paths' | 'findings'> }
  | { id: number; part: 'paths'; items: Analysis['paths'] }
  | { id: number; part: 'findings'; items: Analysis['findings'] }
  | { id: number; part: 'done' }
  /** The answer to a `hold` request. */
  | { id: number; part: 'held' }
  /** The whole answer, as what changed since the analysis of request `since` (see {@link AnalysisDelta}). */
  | { id: number; part: 'delta'; since: number; delta: AnalysisDelta }
  /** `no-base`: the worker does not hold the estate a patch was made against; send the whole estate. */
  | { id: number; part: 'error'; error: string; code?: 'no-base' };

/** Paths or findings per message: a few megabytes, a few tens of milliseconds to copy in. */
export const PART_SIZE = 200;

/** Splits an analysis into the messages that carry it, in order. */
export function analysisParts(id: number, analysis: Analysis, size = PART_SIZE): AnalysisResponse[] {
  const { paths, findings, ...rest } = analysis;
  const parts: AnalysisResponse[] = [{ id, part: 'head', rest }];
  for (let i = 0; i < paths.length; i += size)
    parts.push({ id, part: 'paths', items: paths.slice(i, i + size) });
  for (let i = 0; i < findings.length; i += size)
    parts.push({ id, part: 'findings', items: findings.slice(i, i + size) });
  parts.push({ id, part: 'done' });
  return parts;
}

/**
 * Puts an analysis back together from its parts; call `add` per message, in order. `base` is the analysis the
 * request said it held (`since`), which a delta is applied to.
 */
export class AnalysisAssembler {
  private rest: Omit<Analysis, 'paths' | 'findings'> | undefined;
  private readonly paths: Analysis['paths'] = [];
  private readonly findings: Analysis['findings'] = [];

  constructor(private readonly base?: { id: number; analysis: Analysis }) {}

  /** Takes one part; returns the whole analysis on `done`, or throws on `error`. */
  add(message: AnalysisResponse): Analysis | undefined {
    switch (message.part) {
      case 'head':
        this.rest = message.rest;
        return undefined;
      case 'paths':
        for (const path of message.items) this.paths.push(path);
        return undefined;
      case 'findings':
        for (const finding of message.items) this.findings.push(finding);
        return undefined;
      case 'delta':
        if (this.base?.id !== message.since)
          throw new Error('The analysis worker sent changes to an analysis this page does not hold.');
        return applyAnalysisDelta(this.base.analysis, message.delta);
      case 'held':
        return this.base?.analysis;
      case 'error':
        throw Object.assign(new Error(message.error), message.code ? { code: message.code } : {});
      case 'done':
        if (!this.rest) throw new Error('The analysis worker finished without sending the analysis.');
        return { ...this.rest, paths: this.paths, findings: this.findings } as Analysis;
    }
  }
}
