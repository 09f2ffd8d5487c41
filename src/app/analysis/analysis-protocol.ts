import type { Analysis, Estate } from '../../engine';

/** What the page asks the analysis worker. Estates and analyses are plain data and cross as they are. */
export interface AnalysisRequest {
  id: number;
  estate: Estate;
}

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
  | { id: number; part: 'error'; error: string };

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

/** Puts an analysis back together from its parts; call `add` per message, in order. */
export class AnalysisAssembler {
  private rest: Omit<Analysis, 'paths' | 'findings'> | undefined;
  private readonly paths: Analysis['paths'] = [];
  private readonly findings: Analysis['findings'] = [];

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
      case 'error':
        throw new Error(message.error);
      case 'done':
        if (!this.rest) throw new Error('The analysis worker finished without sending the analysis.');
        return { ...this.rest, paths: this.paths, findings: this.findings } as Analysis;
    }
  }
}
