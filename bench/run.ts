// The engine benchmark: RBAC check latency on the L tier against the naive evaluator and Cedar, and full
// analysis against JSON.parse of the same file. Prints one table and writes bench/results/latest.json
// (quick mode: bench/results/quick.json). See docs/performance.md.
//
//   npm run bench          full run (L tier, 100,000 questions)
//   npm run bench:quick    tiny tiers, a few thousand questions: proves the suite works
//   npm run bench -- --only analysis,ui --sizes S,M
//                          only some parts (rbac, analysis, templates, ui) and analysis tiers: the rows a change moves
//   npm run bench -- --only templates   only the ARM template reading row (bench/templates.ts)
//   npm run bench -- --collect          adds collect from a recorded tenant on 127.0.0.1 (bench/collect.ts)
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { analyze, type Analysis } from '../src/engine/analysis/analyze';
import type { Estate } from '../src/engine/model/types';
import {
  BUILT_IN_ROLES,
  buildRbacIndex,
  check,
  referenceCheck,
  type AccessQuestion,
  type RbacIndex,
} from '../src/engine/rbac';
import { cedarDisagreement, loadCedar, translate, warmCedar, type CedarAnswer } from './cedar';
import type { StatefulAuthorizationCall } from '@cedar-policy/cedar-wasm/nodejs';
import { estateCounts, generateEstate, type SizeName } from './generate';
import { disagreement, sampleQuestions, scopeHierarchy } from './questions';
import { Random } from './random';
import { runUiBench } from './ui/index';
import { findingsJsonChunks, pathsJsonChunks } from '../src/cli/commands/analysis-output';
import { benchCollect, collectRow } from './collect';
import { benchTemplates, templateRows } from './templates';
import { buildTopology } from '../src/engine/model/topology';

const quick = process.argv.includes('--quick');
const xl = process.argv.includes('--xl');
const config = quick
  ? {
      rbacSize: 'tiny',
      questions: 5_000,
      sample: 100,
      cedarWholeSize: 'tiny',
      cedarWholeSample: 50,
      analysisSizes: ['tiny', 'S'],
      repeats: 3,
      analysisTimeoutS: 60,
    }
  : {
      rbacSize: 'L',
      questions: 100_000,
      sample: 200,
      cedarWholeSize: 'M',
      cedarWholeSample: 100,
      analysisSizes: ['S', 'M', 'L'],
      repeats: 3,
      analysisTimeoutS: 420,
    };
/** `--name value` from the command line, split on commas. */
const listArg = (name: string): string[] | undefined => {
  const at = process.argv.indexOf(name);
  return at >= 0 ? (process.argv[at + 1] ?? '').split(',').filter((part) => part !== '') : undefined;
};
const parts = new Set(listArg('--only') ?? ['rbac', 'analysis', 'templates', 'ui']);
if (process.argv.includes('--no-ui')) parts.delete('ui');
const sizes = listArg('--sizes');
if (sizes) config.analysisSizes = sizes;
const partial = listArg('--only') !== undefined || sizes !== undefined;
const out = quick
  ? 'bench/results/quick.json'
  : partial
    ? 'bench/results/partial.json'
    : 'bench/results/latest.json';

/** Reading the largest corpus template and a generated one with nested modules (bench/templates.ts). */
const TEMPLATE_CONFIG = { repeats: quick ? 3 : 7, generatedBytes: quick ? 300_000 : 3 * 2 ** 20 };

const TARGETS = { meanUs: 5, p99Us: 50, naiveSpeedup: 1_000, analyzeOverParse: 2 } as const;

// ---------------------------------------------------------------------------------------------------
// Measuring

const started = Date.now();
/** Progress on stderr, so that a long run shows where it is without touching the table. */
const progress = (what: string): void => {
  process.stderr.write(`[${((Date.now() - started) / 1000).toFixed(0)} s] ${what}\n`);
};

const gc = (): void => (globalThis as { gc?: () => void }).gc?.();
const heapMb = (): number => {
  gc();
  return process.memoryUsage().heapUsed / 2 ** 20;
};
const ms = (ns: bigint): number => Number(ns) / 1e6;

function timed<T>(fn: () => T): { value: T; ms: number } {
  const start = process.hrtime.bigint();
  const value = fn();
  return { value, ms: ms(process.hrtime.bigint() - start) };
}

interface Latency {
  meanUs: number;
  p50Us: number;
  p99Us: number;
  maxUs: number;
}

/** Times every call on its own (two hrtime.bigint reads around it); nanoseconds per call. */
function timeEach<T>(items: readonly T[], fn: (item: T) => unknown): Float64Array {
  const ns = new Float64Array(items.length);
  for (let i = 0; i < items.length; i++) {
    const start = process.hrtime.bigint();
    fn(items[i] as T);
    ns[i] = Number(process.hrtime.bigint() - start);
  }
  return ns;
}

function latency(ns: Float64Array): Latency {
  const sorted = Float64Array.from(ns).sort();
  const at = (q: number): number =>
    (sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number) / 1e3;
  return {
    meanUs: ns.reduce((s, x) => s + x, 0) / ns.length / 1e3,
    p50Us: at(0.5),
    p99Us: at(0.99),
    maxUs: at(1),
  };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

/** The estate of a tier, written to bench/estates so that JSON.parse is timed on a real file. */
function estateFile(size: SizeName): { estate: Estate; file: string; generateMs: number } {
  const { value: estate, ms: generateMs } = timed(() => generateEstate(size));
  const file = `bench/estates/${size}.json`;
  mkdirSync('bench/estates', { recursive: true });
  writeFileSync(file, JSON.stringify(estate));
  return { estate, file, generateMs };
}

// Files written by this run; an analysis of the same tier reads the file rather than generating it again.
const written = new Set<string>();
function estatePath(size: SizeName): string {
  const file = `bench/estates/${size}.json`;
  if (!written.has(file)) {
    estateFile(size);
    written.add(file);
  }
  return file;
}

// ---------------------------------------------------------------------------------------------------
// RBAC: indexed check, naive reference, Cedar

function measureChecks(index: RbacIndex, questions: readonly AccessQuestion[]) {
  let allowed = 0;
  const ask = (q: AccessQuestion): void => {
    if (check(index, q).allowed) allowed++;
  };
  // Warm: JIT, the role-versus-action memo and the group memo, in another order than the timed passes.
  for (const q of new Random('warm').shuffle([...questions])) ask(q);
  const allowedOnce = allowed;
  // The mean is taken over batches with no timer around each call, and is the median of the batch means, so
  // that a burst of descheduling on this shared VM moves one batch rather than the result. The percentiles
  // come from timing each call on its own.
  const batches = Array.from({ length: 20 }, (_, b) =>
    questions.slice((b * questions.length) / 20, ((b + 1) * questions.length) / 20),
  );
  const cpuUs: number[] = [];
  const meanUs = median(
    batches.map((batch) => {
      const cpu = process.cpuUsage();
      const wallMs = timed(() => batch.forEach(ask)).ms;
      const used = process.cpuUsage(cpu);
      // CPU time leaves out the time this process waited for a core, which on a loaded VM is most of the noise.
      cpuUs.push((used.user + used.system) / batch.length);
      return (wallMs * 1e3) / batch.length;
    }),
  );
  const each = latency(timeEach(questions, ask));
  const timerNs = median([...timeEach(questions.slice(0, 10_000), () => undefined)]);
  return {
    latency: { ...each, meanUs, cpuMeanUs: median(cpuUs), perCallMeanUs: each.meanUs },
    timerNs,
    allowed: allowedOnce,
  };
}

/** XL (`--xl`): only the index and the checks, the engine's limit probe. */
function benchXl() {
  const estate = generateEstate('XL');
  const heapBefore = heapMb();
  const build = timed(() => buildRbacIndex(estate));
  const heapIndex = heapMb() - heapBefore;
  const questions = sampleQuestions(estate, scopeHierarchy(estate), 20_000, 1);
  const checks = measureChecks(build.value, questions);
  return {
    size: 'XL',
    roleAssignments: estate.roleAssignments.length,
    indexBuildMs: build.ms,
    indexHeapMb: heapIndex,
    questions: questions.length,
    check: checks.latency,
  };
}

function benchRbac(size: SizeName) {
  progress(`generating ${size}`);
  const { estate, file, generateMs } = estateFile(size);
  written.add(file);
  const hierarchy = scopeHierarchy(estate);
  const heapBefore = heapMb();
  const build = timed(() => buildRbacIndex(estate));
  const index: RbacIndex = build.value;
  const heapIndex = heapMb() - heapBefore;

  progress(`${config.questions} checks`);
  const questions = sampleQuestions(estate, hierarchy, config.questions, 1);
  const checks = measureChecks(index, questions);
  const heapWarm = heapMb() - heapBefore;

  const sample = questions.slice(0, config.sample);
  progress(`naive evaluator on ${config.sample} questions`);
  const naiveDecisions: ReturnType<typeof referenceCheck>[] = [];
  const naiveTimes = timeEach(sample, (q) => naiveDecisions.push(referenceCheck(estate, q)));
  const naiveDisagreements = sample.filter(
    (q, i) =>
      disagreement(check(index, q), naiveDecisions[i] as ReturnType<typeof referenceCheck>) !== undefined,
  );

  const cedarRun = (
    partition: 'none' | 'subscription',
    on: Estate,
    onQuestions: readonly AccessQuestion[],
    onIndex: RbacIndex,
  ) => {
    progress(`Cedar (${partition === 'none' ? 'one set' : 'per subscription'})`);
    warmCedar();
    const translation = timed(() => translate(on, [...BUILT_IN_ROLES, ...on.roleDefinitions]));
    const loaded = timed(() => loadCedar(on, scopeHierarchy(on), translation.value, partition));
    const cedar = loaded.value;
    const prepared = onQuestions.map((q) => cedar.prepare(q));
    // Questions are taken set by set, each set loaded once: the loads are timed apart from the questions.
    const order = prepared
      .map((_, i) => i)
      .sort((x, y) => (prepared[x]?.setId ?? '').localeCompare(prepared[y]?.setId ?? ''));
    const answers: CedarAnswer[] = [];
    const ns = new Float64Array(prepared.length);
    let loadMs = loaded.ms;
    const setsUsed = new Set<string>();
    for (let k = 0; k < order.length;) {
      const setId = prepared[order[k] as number]?.setId as string;
      const group: number[] = [];
      while (k < order.length && prepared[order[k] as number]?.setId === setId)
        group.push(order[k++] as number);
      loadMs += timed(() => cedar.activate(setId)).ms;
      setsUsed.add(setId);
      for (const i of group) answers[i] = cedar.authorize(prepared[i]?.call as StatefulAuthorizationCall);
      const times = timeEach(group, (i) => cedar.authorize(prepared[i]?.call as StatefulAuthorizationCall));
      group.forEach((i, j) => (ns[i] = times[j] as number));
    }
    const disagreements = onQuestions
      .map((q, i) => ({ q, why: cedarDisagreement(check(onIndex, q), answers[i] as CedarAnswer) }))
      .filter((d) => d.why !== undefined);
    if (disagreements.length > 0) {
      throw new Error(
        `Cedar and check() disagree on ${disagreements.length} questions, first: ${JSON.stringify(disagreements[0])}`,
      );
    }
    const times = latency(ns);
    return {
      partition,
      questions: onQuestions.length,
      agreed: onQuestions.length - disagreements.length,
      allowed: answers.filter((a) => a.allowed).length,
      policiesPerSet: cedar.policies,
      templates: Object.keys(translation.value.templates).length,
      links: translation.value.links.length,
      conditionedSkipped: translation.value.conditionedSkipped,
      translateMs: translation.ms,
      loadMs,
      setsLoaded: setsUsed.size,
      ...times,
    };
  };
  const cedarSliced = cedarRun('subscription', estate, sample, index);
  const whole =
    config.cedarWholeSize === size
      ? { estate, questions: sample, index }
      : (() => {
          const e = generateEstate(config.cedarWholeSize as SizeName);
          return {
            estate: e,
            questions: sampleQuestions(e, scopeHierarchy(e), config.cedarWholeSample, 1),
            index: buildRbacIndex(e),
          };
        })();
  const cedarWhole = cedarRun(
    'none',
    whole.estate,
    whole.questions.slice(0, config.cedarWholeSample),
    whole.index,
  );
  const oursOnWhole = latency(timeEach(whole.questions, (q) => check(whole.index, q)));

  return {
    size,
    counts: estateCounts(estate),
    scopes: hierarchy.armId.size,
    generateMs,
    indexBuildMs: build.ms,
    indexHeapMb: heapIndex,
    heapAfterWarmMb: heapWarm,
    questions: questions.length,
    allowedShare: checks.allowed / questions.length,
    timerOverheadNs: checks.timerNs,
    check: checks.latency,
    naive: {
      questions: sample.length,
      agreed: sample.length - naiveDisagreements.length,
      ...latency(naiveTimes),
    },
    cedar: cedarSliced,
    cedarWhole: { size: config.cedarWholeSize, ...cedarWhole, oursMeanUs: oursOnWhole.meanUs },
  };
}

// ---------------------------------------------------------------------------------------------------
// Analysis against JSON.parse

function benchAnalysis(size: SizeName, file: string) {
  progress(`analysis of ${size}`);
  gc();
  const text = readFileSync(file, 'utf8');
  const repeats = size === 'L' ? 1 : config.repeats;
  const parseMs = median(
    Array.from({ length: repeats + 1 }, () => timed(() => JSON.parse(text) as Estate).ms),
  );
  let result: ReturnType<typeof analyze> | undefined;
  let analysed: Estate | undefined;
  const heapBefore = heapMb();
  let heapAfter = 0;
  const analyzeMs = median(
    Array.from({ length: repeats }, () => {
      const estate = JSON.parse(text) as Estate;
      gc();
      const run = timed(() => analyze(estate));
      result = run.value;
      analysed = estate;
      heapAfter = Math.max(heapAfter, heapMb());
      return run.ms;
    }),
  );
  // What the CLI writes for `check --format json` and `paths --format json` (the same functions, the same
  // layout, written in pieces as the CLI writes them, so that no output is ever one string), against the size of
  // the estate file it read. Both are counted in UTF-16 code units, as the input's length is.
  const topology = analysed && buildTopology(analysed);
  const lengthOf = (chunks: Iterable<string>): number => {
    let length = 0;
    for (const chunk of chunks) length += chunk.length;
    return length;
  };
  const checkJsonBytes = result && topology ? lengthOf(findingsJsonChunks(result as Analysis, topology)) : 0;
  const pathsJsonBytes = result && topology ? lengthOf(pathsJsonChunks(result as Analysis, topology)) : 0;
  return {
    size,
    fileMb: text.length / 2 ** 20,
    roleAssignments: (JSON.parse(text) as Estate).roleAssignments.length,
    parseMs,
    analyzeMs,
    ratio: analyzeMs / parseMs,
    findings: result?.findings.length ?? 0,
    paths: result?.paths.length ?? 0,
    heapMb: heapAfter - heapBefore,
    checkJsonOverInput: checkJsonBytes / text.length,
    pathsJsonOverInput: pathsJsonBytes / text.length,
    timedOut: false,
    error: undefined as string | undefined,
  };
}

type AnalysisResult = ReturnType<typeof benchAnalysis>;

/**
 * Runs the analysis of one tier in a child process, so that a tier whose analysis outgrows the run's time
 * budget is stopped and reported as such instead of holding up the whole benchmark.
 */
function benchAnalysisIsolated(size: SizeName, timeoutS: number): AnalysisResult {
  const file = estatePath(size);
  const start = Date.now();
  const child = spawnSync(
    process.execPath,
    [...process.execArgv, process.argv[1] as string, '--analysis-only', size, file],
    {
      encoding: 'utf8',
      timeout: timeoutS * 1000,
      maxBuffer: 2 ** 24,
    },
  );
  const elapsedMs = Date.now() - start;
  const line = child.stdout?.split('\n').find((l) => l.startsWith('{'));
  if (line !== undefined) return JSON.parse(line) as AnalysisResult;
  // Stopped or crashed: report how long it ran and, for a crash, the error the engine threw.
  const error = child.error === undefined ? /^\w*Error: .*$/m.exec(child.stderr ?? '')?.[0] : undefined;
  const text = readFileSync(file, 'utf8');
  const parseMs = timed(() => JSON.parse(text) as Estate).ms;
  return {
    size,
    fileMb: text.length / 2 ** 20,
    roleAssignments: (JSON.parse(text) as Estate).roleAssignments.length,
    parseMs,
    analyzeMs: elapsedMs,
    ratio: elapsedMs / parseMs,
    findings: 0,
    paths: 0,
    heapMb: Number.NaN,
    checkJsonOverInput: Number.NaN,
    pathsJsonOverInput: Number.NaN,
    timedOut: true,
    error,
  };
}

// ---------------------------------------------------------------------------------------------------
// Report

function machine() {
  const cpus = os.cpus();
  return {
    date: new Date().toISOString(),
    nproc: os.availableParallelism(),
    cpu: cpus[0]?.model ?? 'unknown',
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    freeGiB: Math.round((os.freemem() / 2 ** 30) * 10) / 10,
    loadAverage: os.loadavg().map((l) => Math.round(l * 100) / 100),
    node: process.version,
  };
}

const f = (n: number, digits = 1): string =>
  n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

/** An output's size over its input. */
const jsonRatio = (ratio: number): string => `${f(ratio, 1)}×`;
// The targets are stated for the L tier; a quick run on tiny estates only shows the numbers.
const status = (met: boolean): string => (quick ? '-' : met ? 'met' : 'GAP');

type RbacResult = ReturnType<typeof benchRbac>;
const rbacSpeedups = (rbac: RbacResult) => ({
  naive: rbac.naive.meanUs / rbac.check.meanUs,
  cedar: rbac.cedar.meanUs / rbac.check.meanUs,
});

/** The RBAC targets, as written to the results file. */
function rbacTargets(rbac: RbacResult) {
  const c = rbac.check;
  const { naive, cedar } = rbacSpeedups(rbac);
  return {
    checkMean: { target: TARGETS.meanUs, value: c.meanUs, met: c.meanUs <= TARGETS.meanUs },
    checkP99: { target: TARGETS.p99Us, value: c.p99Us, met: c.p99Us <= TARGETS.p99Us },
    naiveSpeedup: { target: TARGETS.naiveSpeedup, value: naive, met: naive >= TARGETS.naiveSpeedup },
    cedarSpeedup: { target: 1, value: cedar, met: cedar > 1 },
  };
}

/** The table rows of the RBAC part. */
function rbacRows(rbac: RbacResult): [string, string, string, string][] {
  const c = rbac.check;
  const { naive: speedupNaive, cedar: speedupCedar } = rbacSpeedups(rbac);
  return [
    [
      `RBAC on ${rbac.size}: estate`,
      `${f(rbac.counts.roleAssignments ?? 0, 0)} assignments, ${f(rbac.scopes, 0)} scopes, ${f(rbac.counts.principals ?? 0, 0)} principals, ${f(rbac.counts.groups ?? 0, 0)} groups, ${f(rbac.counts.customRoles ?? 0, 0)} custom roles`,
      '',
      '',
    ],
    [
      'index build',
      `${f(rbac.indexBuildMs, 0)} ms, heap +${f(rbac.indexHeapMb, 0)} MB (+${f(rbac.heapAfterWarmMb, 0)} MB after warm checks)`,
      '',
      '',
    ],
    [
      `check(), ${f(rbac.questions, 0)} warm questions`,
      `mean ${f(c.meanUs, 2)} µs (CPU ${f(c.cpuMeanUs, 2)} µs), p50 ${f(c.p50Us, 2)} µs, p99 ${f(c.p99Us, 2)} µs, max ${f(c.maxUs, 0)} µs`,
      `mean ≤ ${TARGETS.meanUs} µs, p99 ≤ ${TARGETS.p99Us} µs`,
      status(c.meanUs <= TARGETS.meanUs && c.p99Us <= TARGETS.p99Us),
    ],
    [
      '  timer overhead per call (in p50/p99)',
      `${f(rbac.timerOverheadNs, 0)} ns; ${f(rbac.allowedShare * 100, 0)}% allowed`,
      '',
      '',
    ],
    [
      `referenceCheck() (naive), ${rbac.naive.questions} questions`,
      `mean ${f(rbac.naive.meanUs / 1e3, 2)} ms; agrees ${rbac.naive.agreed}/${rbac.naive.questions}`,
      '',
      '',
    ],
    [
      '  ours vs naive',
      `${f(speedupNaive, 0)}× faster`,
      `≥ ${f(TARGETS.naiveSpeedup, 0)}×`,
      status(speedupNaive >= TARGETS.naiveSpeedup),
    ],
    [
      `Cedar ${rbac.cedar.partition === 'subscription' ? 'per-subscription sets' : 'one set'}, ${rbac.cedar.questions} questions`,
      `mean ${f(rbac.cedar.meanUs / 1e3, 2)} ms, p99 ${f(rbac.cedar.p99Us / 1e3, 2)} ms; ≤ ${f(rbac.cedar.policiesPerSet, 0)} policies per set; agrees ${rbac.cedar.agreed}/${rbac.cedar.questions}`,
      '',
      '',
    ],
    ['  ours vs Cedar', `${f(speedupCedar, 0)}× faster`, 'faster than Cedar', status(speedupCedar > 1)],
    [
      '  Cedar translate + load',
      `${f(rbac.cedar.translateMs, 0)} ms + ${f(rbac.cedar.loadMs, 0)} ms for ${rbac.cedar.setsLoaded} sets; ${f(rbac.cedar.templates, 0)} templates, ${f(rbac.cedar.links, 0)} links, ${rbac.cedar.conditionedSkipped} conditioned skipped`,
      '',
      '',
    ],
    [
      `Cedar one set on ${rbac.cedarWhole.size}, ${rbac.cedarWhole.questions} questions`,
      `mean ${f(rbac.cedarWhole.meanUs / 1e3, 2)} ms with ${f(rbac.cedarWhole.policiesPerSet, 0)} policies (ours ${f(rbac.cedarWhole.oursMeanUs, 2)} µs); agrees ${rbac.cedarWhole.agreed}/${rbac.cedarWhole.questions}`,
      '',
      '',
    ],
  ];
}

async function main(): Promise<void> {
  const host = machine();
  const rbac = parts.has('rbac') ? benchRbac(config.rbacSize as SizeName) : undefined;
  const analysis = (parts.has('analysis') ? config.analysisSizes : []).map((s) =>
    s === 'L'
      ? benchAnalysisIsolated('L', config.analysisTimeoutS)
      : benchAnalysis(s as SizeName, estatePath(s as SizeName)),
  );
  const xlResult = xl ? benchXl() : undefined;
  const analysisM = analysis.find((a) => a.size === 'M');

  const rows: [string, string, string, string][] = [
    ...(rbac ? rbacRows(rbac) : []),
    ...(xlResult
      ? [
          [
            `RBAC on XL (${f(xlResult.roleAssignments, 0)} assignments)`,
            `index ${f(xlResult.indexBuildMs, 0)} ms, +${f(xlResult.indexHeapMb, 0)} MB; check mean ${f(xlResult.check.meanUs, 2)} µs, p99 ${f(xlResult.check.p99Us, 2)} µs`,
            '',
            '',
          ] as [string, string, string, string],
        ]
      : []),
    ...analysis.map((a): [string, string, string, string] => [
      `analyze() on ${a.size} (${f(a.fileMb, 1)} MB, ${f(a.roleAssignments, 0)} assignments)`,
      a.timedOut
        ? `${a.error !== undefined ? `failed after ${f(a.analyzeMs / 1e3, 0)} s: ${a.error}` : `stopped after ${f(a.analyzeMs / 1e3, 0)} s`} (JSON.parse ${f(a.parseMs, 0)} ms)`
        : `${f(a.analyzeMs, 0)} ms vs JSON.parse ${f(a.parseMs, 0)} ms = ${f(a.ratio, 1)}×; ${f(a.findings, 0)} findings, ${f(a.paths, 0)} paths; heap +${f(a.heapMb, 0)} MB; CLI JSON ÷ input: check ${jsonRatio(a.checkJsonOverInput)}, paths ${jsonRatio(a.pathsJsonOverInput)}`,
      a.size === 'M' ? `≤ ${TARGETS.analyzeOverParse}× parse` : '',
      a.size === 'M' ? status(a.ratio <= TARGETS.analyzeOverParse) : '',
    ]),
  ];
  const templates = parts.has('templates') ? benchTemplates(TEMPLATE_CONFIG) : undefined;
  if (templates) rows.push(...templateRows(templates, quick));
  // `--collect`: aml-access-map collect from a recorded M tenant on 127.0.0.1 against the serving floor (bench/collect.ts).
  const collectBench = process.argv.includes('--collect') ? await benchCollect(quick ? 'tiny' : 'M') : undefined;
  if (collectBench) rows.push(collectRow(collectBench));
  // The UI figures (bench/ui): the production build in headless Chromium; `--no-ui` leaves them out.
  const ui = !parts.has('ui')
    ? undefined
    : await runUiBench({
        quick,
        ...(partial ? { lighthouse: false } : {}),
        progress: (what) => progress(`UI: ${what}`),
      });
  rows.push(...(ui?.rows ?? []));
  const widths = [0, 1, 2, 3].map((i) =>
    Math.max(
      ...rows.map((r) => r[i]?.length ?? 0),
      ['Measure', 'Result', 'Target', 'Status'][i]?.length ?? 0,
    ),
  );
  const line = (cells: readonly string[]): string =>
    `| ${cells.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  const table = [
    line(['Measure', 'Result', 'Target', 'Status']),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map(line),
  ].join('\n');

  console.log(
    `\nAzure ML Access Map engine benchmark${quick ? ' (quick)' : ''}: ${host.date}, ${host.nproc} cores (${host.cpu}), ${host.memoryGiB} GiB, load ${host.loadAverage.join(' ')}, Node ${host.node}\n`,
  );
  console.log(table);
  console.log(`\n${((Date.now() - started) / 1000).toFixed(0)} s; results in ${out}`);

  mkdirSync('bench/results', { recursive: true });
  writeFileSync(
    out,
    `${JSON.stringify(
      {
        machine: host,
        quick,
        durationS: (Date.now() - started) / 1000,
        ...(rbac ? { rbac } : {}),
        ...(xlResult ? { xl: xlResult } : {}),
        analysis,
        ...(templates ? { templates } : {}),
        ...(collectBench ? { collect: collectBench } : {}),
        ...(ui ? { ui: ui.json } : {}),
        targets: {
          ...(rbac ? rbacTargets(rbac) : {}),
          ...(analysisM
            ? {
                analyzeOverParseM: {
                  target: TARGETS.analyzeOverParse,
                  value: analysisM.ratio,
                  met: analysisM.ratio <= TARGETS.analyzeOverParse,
                },
              }
            : {}),
        },
        table,
      },
      null,
      2,
    )}\n`,
  );
}

const only = process.argv.indexOf('--analysis-only');
if (only >= 0)
  console.log(
    JSON.stringify(benchAnalysis(process.argv[only + 1] as SizeName, process.argv[only + 2] as string)),
  );
else await main();
