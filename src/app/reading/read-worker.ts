/// <reference lib="webworker" />
import { answerLoad } from './load-answer';
import type { LoadRequest } from './load-protocol';

// Reading a large export and analysing it can take seconds; off the main thread the page stays responsive
// and the progress indication keeps moving.
const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.onmessage = (event: MessageEvent<LoadRequest>) =>
  answerLoad(event.data, (response) => scope.postMessage(response));
