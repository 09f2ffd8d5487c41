import type { Analysis } from '../../../engine/analysis/analyze';
import type { InputFile, ReadInputsResult } from '../../../engine/io/inputs';

/** What the page asks the loading worker: read these inputs into one estate. */
export interface LoadRequest {
  id: number;
  inputs: InputFile[];
}

/** What the worker answers, in steps, so the page can say what it is doing. */
export type LoadResponse =
  | { id: number; stage: 'parsing' | 'analysing' }
  | { id: number; stage: 'done'; result: ReadInputsResult; analysis?: Analysis }
  | { id: number; stage: 'failed'; message: string };

/** What the user sees while a load runs. */
export type LoadStage = 'reading' | 'parsing' | 'analysing';
