import type { Diagnostic, Estate } from '../src/engine/model/types';
import { validateEstate } from '../src/engine/model/validate';
import { readArmTemplate } from '../src/engine/io/arm/template';
import type { SkippedItem } from '../src/engine/io/core/reader';
import { readAzCliJson } from '../src/engine/io/azcli/reader';
import { readAzureMlYaml } from '../src/engine/io/azml';
import { detectFormat } from '../src/engine/io/detect';
import { readInputs, type InputFile } from '../src/engine/io/inputs';
import { readNativeEstate } from '../src/engine/io/native';
import { readResourceGraph } from '../src/engine/io/resource-graph/reader';
import { parseDocuments } from '../src/engine/io/core/source';

/**
 * What the fuzzer checks after every case, shared by the unit-test run and the long `npm run fuzz` run. A
 * reader may reject any input, but it must do so with located, worded diagnostics: it never throws, never
 * hands on an estate that fails the model's own structural check, and never lets a credential through.
 */

/** What every reader returns, reduced to the parts the invariants look at. */
export interface FuzzOutcome {
  estate: Estate | undefined;
  diagnostics: Diagnostic[];
  skipped?: SkippedItem[];
}

/** One reader under test. */
export interface FuzzTarget {
  name: string;
  read(text: string, file: string): FuzzOutcome;
}

/** Every single-file reader, by the name the fuzz run reports. `readInputs` takes several files and is separate. */
export const FUZZ_TARGETS: readonly FuzzTarget[] = [
  { name: 'native', read: (text, file) => readNativeEstate(text, file) },
  { name: 'azml', read: (text, file) => readAzureMlYaml(text, file) },
  { name: 'azcli', read: (text, file) => readAzCliJson(text, file) },
  { name: 'resource-graph', read: (text, file) => readResourceGraph(text, file) },
  { name: 'arm', read: (text, file) => readArmTemplate(text, file) },
  {
    name: 'detect',
    read: (text, file) => {
      const parsed = parseDocuments(text, file);
      const detection = detectFormat(parsed.docs, text);
      // Detection has no estate to give; a format and a reason must always come back.
      if (typeof detection.format !== 'string' || detection.reason.trim() === '')
        throw new Error(`detectFormat gave no reason for ${detection.format}`);
      return { estate: undefined, diagnostics: parsed.diagnostics };
    },
  },
];

/** Reads several files together, as the shells do. */
export function readMany(files: readonly InputFile[]): FuzzOutcome {
  return readInputs(files);
}

// A reader that caught its own exception says so in its message; the fuzzer counts that as a crash.
const CRASH_MESSAGE =
  /bug in the reader|internal error while reading|internal check:|could not be parsed: |could not be converted: /;

function lineCount(text: string): number {
  let lines = 1;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lines++;
  return lines;
}

/** The paths in a plain value where `marker` occurs, in keys or in text, for the failure report. */
function whereFound(root: unknown, marker: string): string[] {
  const found: string[] = [];
  const stack: [unknown, string][] = [[root, '']];
  while (stack.length > 0 && found.length < 5) {
    const [value, path] = stack.pop() as [unknown, string];
    if (typeof value === 'string') {
      if (value.includes(marker)) found.push(path);
    } else if (value !== null && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) {
        if (key.includes(marker)) found.push(`${path}.<key>`);
        stack.push([item, `${path}.${key}`]);
      }
    }
  }
  return found;
}

/**
 * Checks one reader result against the invariants and returns what is wrong with it (empty when nothing is).
 * `inputs` are the files that were read; `secretMarkers` are the distinctive parts of credential values planted
 * in them, none of which may appear anywhere in the result.
 */
export function violations(
  outcome: FuzzOutcome,
  inputs: readonly InputFile[],
  secretMarkers: readonly string[] = [],
  options: { merged?: boolean } = {},
): string[] {
  const problems: string[] = [];
  const texts = new Map(inputs.map((input) => [input.file, input.text]));
  if (!Array.isArray(outcome.diagnostics)) return ['diagnostics is not a list'];
  for (const d of outcome.diagnostics) {
    const label = `diagnostic ${JSON.stringify(d).slice(0, 300)}`;
    if (typeof d.message !== 'string' || d.message.trim() === '') problems.push(`${label} has no message`);
    else if (CRASH_MESSAGE.test(d.message)) problems.push(`${label} reports a crash`);
    if (!['error', 'warning', 'info'].includes(d.severity)) problems.push(`${label} has no severity`);
    if (d.file === undefined) {
      // Only readInputs' notes about the merge as a whole may stand without a file, and never as errors.
      if (!options.merged || d.severity === 'error') problems.push(`${label} has no file`);
      continue;
    }
    const text = texts.get(d.file);
    if (text === undefined) {
      problems.push(`${label} names a file that was not read`);
      continue;
    }
    const hasLine = d.line !== undefined && d.column !== undefined;
    if (!hasLine && (d.path === undefined || d.path === ''))
      problems.push(`${label} has neither line nor path`);
    if (d.line !== undefined) {
      if (!Number.isInteger(d.line) || d.line < 1 || d.line > lineCount(text))
        problems.push(`${label} has line ${d.line} outside the file (${lineCount(text)} lines)`);
      if (d.column === undefined || !Number.isInteger(d.column) || d.column < 1)
        problems.push(`${label} has a bad column`);
    }
  }
  // Bounded output: no more messages than the input has characters (plus a few about the whole file), and no
  // message that echoes a pasted blob back.
  const size = inputs.reduce((n, input) => n + input.text.length, 0);
  if (outcome.diagnostics.length > size + 5 * inputs.length + 5)
    problems.push(`${outcome.diagnostics.length} diagnostics for ${size} characters of input`);
  for (const d of outcome.diagnostics) {
    if (typeof d.message === 'string' && d.message.length > 2_000)
      problems.push(`a message of ${d.message.length} characters: ${d.message.slice(0, 200)}…`);
    // A location names keys; a pasted blob as a key must not be copied into it whole.
    if (d.path !== undefined && d.path.length > 2_000)
      problems.push(`a path of ${d.path.length} characters: ${d.path.slice(0, 200)}…`);
  }
  const errors = outcome.diagnostics.filter((d) => d.severity === 'error');
  if (outcome.estate !== undefined) {
    // readInputs keeps going without a broken file; a single reader must not return an estate beside an error.
    if (inputs.length === 1 && errors.length > 0) problems.push('an estate came back together with errors');
    for (const problem of validateEstate(outcome.estate)) {
      if (problem.severity === 'error') problems.push(`the estate fails validation: ${problem.message}`);
    }
  }
  if (secretMarkers.length > 0) {
    const seen = JSON.stringify({
      estate: outcome.estate,
      diagnostics: outcome.diagnostics,
      skipped: outcome.skipped,
    });
    for (const marker of secretMarkers) {
      if (seen.includes(marker))
        problems.push(
          `a planted secret (${marker}) survived into the result at ${whereFound(JSON.parse(seen), marker).join(', ')}`,
        );
    }
  }
  return problems;
}
