import type { InputFile, ReadInputsResult } from '../../engine';
import type { AnalysisResponse } from '../analysis/analysis-protocol';

/** What the page asks the loading worker: read these inputs into one estate. */
export interface LoadRequest {
  id: number;
  inputs: InputFile[];
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
