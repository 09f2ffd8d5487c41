import { analyze, type InputFile, readInputs } from '../../engine';
import { analysisParts } from '../analysis/analysis-protocol';
import { OPEN_ESTATE_LABEL, type LoadRequest, type LoadResponse } from './load-protocol';

/**
 * The loading worker's work for one request, apart from the worker so that it runs in tests: reads the
 * inputs, analyses the estate and posts each step. The analysis goes in parts (`analysisParts`): M's is
 * over a hundred megabytes, and one message that size stopped the page for seconds while it was copied in.
 */
export function answerLoad({ id, inputs, base }: LoadRequest, post: (response: LoadResponse) => void): void {
  try {
    post({ id, stage: 'parsing' });
    const result = readInputs(inputs satisfies readonly InputFile[], base ? { base: { estate: base, label: OPEN_ESTATE_LABEL } } : {});
    // Any error means nothing opens (the page keeps what it has), so there is nothing to analyse.
    if (!result.estate || result.diagnostics.some((d) => d.severity === 'error')) {
      post({ id, stage: 'done', result, analysed: false });
      return;
    }
    post({ id, stage: 'analysing' });
    for (const part of analysisParts(id, analyze(result.estate))) post({ id, stage: 'analysis', part });
    post({ id, stage: 'done', result, analysed: true });
  } catch (error) {
    post({ id, stage: 'failed', message: error instanceof Error ? error.message : String(error) });
  }
}
