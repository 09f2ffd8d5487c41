/// <reference lib="webworker" />
import { analyze } from '../../../engine/analysis/analyze';
import { readInputs, type InputFile } from '../../../engine/io/inputs';
import type { LoadRequest, LoadResponse } from './load-protocol';

// Reading a large export and analysing it can take seconds; off the main thread the page stays responsive
// and the progress indication keeps moving. Estates and analyses are plain data, so they cross as they are.
const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.onmessage = (event: MessageEvent<LoadRequest>) => {
  const { id, inputs } = event.data;
  const post = (response: LoadResponse) => scope.postMessage(response);
  try {
    post({ id, stage: 'parsing' });
    const result = readInputs(inputs satisfies readonly InputFile[]);
    // Any error means nothing opens (the page keeps what it has), so there is nothing to analyse.
    if (!result.estate || result.diagnostics.some((d) => d.severity === 'error')) {
      post({ id, stage: 'done', result });
      return;
    }
    post({ id, stage: 'analysing' });
    post({ id, stage: 'done', result, analysis: analyze(result.estate) });
  } catch (error) {
    post({ id, stage: 'failed', message: error instanceof Error ? error.message : String(error) });
  }
};
