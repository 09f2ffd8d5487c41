/// <reference lib="webworker" />
import { analyze } from '../../engine';
import { analysisParts, type AnalysisRequest, type AnalysisResponse } from './analysis-protocol';

// Analysing a business unit takes a second or more; here it cannot freeze panning, typing or the spinner.
const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.onmessage = (event: MessageEvent<AnalysisRequest>) => {
  const { id, estate } = event.data;
  let parts: AnalysisResponse[];
  try {
    parts = analysisParts(id, analyze(estate));
  } catch (error) {
    parts = [{ id, part: 'error', error: error instanceof Error ? error.message : String(error) }];
  }
  for (const part of parts) scope.postMessage(part);
};
