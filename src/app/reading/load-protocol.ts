import type { Estate, InputFile, ReadInputsResult } from '../../engine';
import type { AnalysisResponse } from '../analysis/analysis-protocol';

/** How diagnostics name the open estate when files are added to it. */
export const OPEN_ESTATE_LABEL = 'the open estate';

/** What the page asks the loading worker: read these inputs into one estate. */
export interface LoadRequest {
  id: number;
  inputs: InputFile[];
  /** The open estate, when the inputs are added to it rather than opened instead of it. */
  base?: Estate;
}

/**
 * What the worker answers, in steps, so the page can say what it is doing. The analysis comes before
 * `done` in the analysis worker's parts (`analysisParts`): a large one is too big to copy in as one message
 * without stopping the page. `analysed` says whether parts were sent.
 */
export type LoadResponse =
  | { id: number; stage: 'parsing' | 'analysing' }
  | { id: number; stage: 'analysis'; part: AnalysisResponse }
  | { id: number; stage: 'done'; result: ReadInputsResult; analysed: boolean }
  | { id: number; stage: 'failed'; message: string };

/** What the user sees while a load runs. */
export type LoadStage = 'reading' | 'parsing' | 'analysing';
