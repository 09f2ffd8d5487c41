/// <reference lib="webworker" />
import { analyzeTracked, reanalyze, type TrackedAnalysis } from '../../engine';
import { analysisDelta, printAnalysis, type AnalysisPrints } from './analysis-delta';
import { analysisParts, PART_SIZE, type AnalysisRequest, type AnalysisResponse } from './analysis-protocol';
import { applyEstatePatch } from './estate-patch';

// Analysing a business unit takes a second or more; here it cannot freeze panning, typing or the spinner.
const scope = self as unknown as DedicatedWorkerGlobalScope;

// The estate analysed last, with what each rule and path resolver read (the next request's patch is made
// against it, and its analysis is redone only where the patch reaches), and the prints of the analysis last
// sent (what the next answer is told against).
let held: { id: number; tracked: TrackedAnalysis } | undefined;
let sent: { id: number; prints: AnalysisPrints } | undefined;

// A delta larger than this many items goes as a whole analysis in parts instead: one message that large
// would stop the page while it is copied in.
const DELTA_LIMIT = 2 * PART_SIZE;

function answer(request: AnalysisRequest): AnalysisResponse[] {
  const { id } = request;
  if ('hold' in request) {
    const tracked = analyzeTracked(request.hold);
    held = { id, tracked };
    const prints = printAnalysis(tracked.analysis);
    sent = prints ? { id, prints } : undefined;
    return [{ id, part: 'held' }];
  }
  let tracked: TrackedAnalysis;
  if ('estate' in request) tracked = analyzeTracked(request.estate);
  // A patched estate shares every untouched collection and entity with the one held: only what the patch
  // reaches is analysed again.
  else if (held?.id === request.base) tracked = reanalyze(held.tracked, applyEstatePatch(held.tracked.estate, request.patch));
  else
    return [
      {
        id,
        part: 'error',
        error: 'The analysis worker does not hold the estate this edit applies to.',
        code: 'no-base',
      },
    ];
  held = { id, tracked };
  const { analysis } = tracked;
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
