/// <reference lib="webworker" />
import { analyze, type Estate } from '../../engine';
import { analysisDelta, printAnalysis, type AnalysisPrints } from './analysis-delta';
import { analysisParts, PART_SIZE, type AnalysisRequest, type AnalysisResponse } from './analysis-protocol';
import { applyEstatePatch } from './estate-patch';

// Analysing a business unit takes a second or more; here it cannot freeze panning, typing or the spinner.
const scope = self as unknown as DedicatedWorkerGlobalScope;

// The estate analysed last (what the next request's patch is made against), and the prints of the analysis
// last sent (what the next answer is told against).
let held: { id: number; estate: Estate } | undefined;
let sent: { id: number; prints: AnalysisPrints } | undefined;

// A delta larger than this many items goes as a whole analysis in parts instead: one message that large
// would stop the page while it is copied in.
const DELTA_LIMIT = 2 * PART_SIZE;

function answer(request: AnalysisRequest): AnalysisResponse[] {
  const { id } = request;
  let estate: Estate;
  if ('hold' in request) {
    held = { id, estate: request.hold };
    const prints = printAnalysis(analyze(request.hold));
    sent = prints ? { id, prints } : undefined;
    return [{ id, part: 'held' }];
  }
  if ('estate' in request) estate = request.estate;
  else if (held?.id === request.base) estate = applyEstatePatch(held.estate, request.patch);
  else
    return [
      {
        id,
        part: 'error',
        error: 'The analysis worker does not hold the estate this edit applies to.',
        code: 'no-base',
      },
    ];
  held = { id, estate };
  const analysis = analyze(estate);
  const prints = printAnalysis(analysis);
  const before = request.since !== undefined && sent?.id === request.since ? sent.prints : undefined;
  sent = prints ? { id, prints } : undefined;
  if (before && prints) {
    const delta = analysisDelta(before, analysis, prints);
    if (delta.paths.items.length + delta.findings.items.length <= DELTA_LIMIT)
      return [{ id, part: 'delta', since: request.since as number, delta }];
  }
  return analysisParts(id, analysis);
}

scope.onmessage = (event: MessageEvent<AnalysisRequest>) => {
  let parts: AnalysisResponse[];
  try {
    parts = answer(event.data);
  } catch (error) {
    parts = [
      { id: event.data.id, part: 'error', error: error instanceof Error ? error.message : String(error) },
    ];
  }
  for (const part of parts) scope.postMessage(part);
};
