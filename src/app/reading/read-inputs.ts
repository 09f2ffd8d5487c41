import type { Analysis, Estate, InputFile, ReadInputsResult } from '../../engine';
import { AnalysisAssembler } from '../analysis/analysis-protocol';
import { OPEN_ESTATE_LABEL, type LoadRequest, type LoadResponse, type LoadStage } from './load-protocol';
import { loadReaders } from '../../engine';

/** Files bigger than this are refused before reading: no estate export comes near it, and the tab would. */
export const MAX_FILE_BYTES = 200 * 1024 * 1024;

/** Human-readable size: `812 B`, `14 KB`, `3.2 MB`. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** Reads browser files as text, reporting how many bytes are done; refuses files too big to hold. */
export async function readFilesAsInputs(
  files: readonly File[],
  onProgress: (done: number, total: number) => void,
): Promise<{ inputs: InputFile[]; problems: string[] }> {
  const total = files.reduce((sum, file) => sum + file.size, 0);
  const problems = files
    .filter((file) => file.size > MAX_FILE_BYTES)
    .map(
      (file) =>
        `${file.name} is ${formatBytes(file.size)}; files over ${formatBytes(MAX_FILE_BYTES)} are not read.`,
    );
  if (problems.length > 0) return { inputs: [], problems };
  let done = 0;
  onProgress(0, total);
  const inputs = await Promise.all(
    files.map(async (file) => {
      const text = await file.text();
      done += file.size;
      onProgress(done, total);
      return { file: file.name, text };
    }),
  );
  return { inputs, problems: [] };
}

export interface ParsedInputs {
  result: ReadInputsResult;
  analysis?: Analysis;
}

let worker: Worker | undefined;
let workerBroken = false;
let nextId = 1;

function getWorker(): Worker | undefined {
  if (workerBroken || typeof Worker === 'undefined') return undefined;
  try {
    worker ??= new Worker(new URL('./read-worker.ts', import.meta.url), {
      type: 'module',
      name: 'estate-reader',
    });
    return worker;
  } catch {
    workerBroken = true;
    return undefined;
  }
}

/** Reads on this thread, for browsers (or policies) that refuse the worker. */
async function parseHere(inputs: InputFile[], base: Estate | undefined): Promise<ParsedInputs> {
  const { readInputs } = await loadReaders();
  return { result: readInputs(inputs, base ? { base: { estate: base, label: OPEN_ESTATE_LABEL } } : {}) };
}

/**
 * Parses and validates inputs into one estate, and analyses it, in a worker; `onStage` hears what it is
 * doing. Falls back to this thread when no worker can run. Bad input is a result with diagnostics, not a
 * rejection; a rejection means the reader itself failed.
 */
export function parseInputs(
  inputs: InputFile[],
  onStage: (stage: LoadStage) => void,
  /** The open estate, to add the inputs to it (see ReadInputsOptions.base). */
  base?: Estate,
): Promise<ParsedInputs> {
  const current = getWorker();
  if (!current) {
    onStage('parsing');
    return parseHere(inputs, base);
  }
  const id = nextId++;
  return new Promise<ParsedInputs>((resolve, reject) => {
    const assembler = new AnalysisAssembler();
    let analysis: Analysis | undefined;
    const cleanUp = () => {
      current.removeEventListener('message', onMessage);
      current.removeEventListener('error', onError);
    };
    const onMessage = (event: MessageEvent<LoadResponse>) => {
      const message = event.data;
      if (message.id !== id) return;
      switch (message.stage) {
        case 'parsing':
        case 'analysing':
          onStage(message.stage);
          break;
        case 'analysis':
          try {
            analysis = assembler.add(message.part) ?? analysis;
          } catch (error) {
            cleanUp();
            reject(error instanceof Error ? error : new Error(String(error)));
          }
          break;
        case 'done':
          cleanUp();
          resolve(
            message.analysed && analysis ? { result: message.result, analysis } : { result: message.result },
          );
          break;
        case 'failed':
          cleanUp();
          reject(new Error(message.message));
          break;
      }
    };
    const onError = (event: ErrorEvent) => {
      // A worker that cannot even start (a blocked script, say) is not tried again; this thread takes over.
      event.preventDefault();
      cleanUp();
      workerBroken = true;
      worker?.terminate();
      worker = undefined;
      onStage('parsing');
      parseHere(inputs, base).then(resolve, reject);
    };
    current.addEventListener('message', onMessage);
    current.addEventListener('error', onError);
    current.postMessage((base ? { id, inputs, base } : { id, inputs }) satisfies LoadRequest);
  });
}
