import fc from 'fast-check';
import { parseAllDocuments, stringify } from 'yaml';
import type { InputFile } from '../../src/engine/io/inputs';
import {
  azComputeList,
  azComputeShow,
  azIdentityList,
  azmlCompute,
  azmlDatastore,
  azmlJob,
  azPrivateEndpointList,
  azRoleAssignmentList,
  azWorkspaceShow,
  resourceGraph,
} from './formats';
import { AZCLI_SEEDS, AZML_SEEDS, ARM_SEEDS, NATIVE_SEEDS, RESOURCE_GRAPH_SEEDS, type MixedSeed } from './seeds';
import { pick, worldArb, type World } from './world';

/**
 * Mixed-format input sets: several files of one imaginary estate in every format the import takes, some real
 * files beside them, now and then one file damaged, and the same set in a second order.
 */

/** One generated set: the files in the order read first, and the same files in another order. */
export interface MixedCase {
  files: InputFile[];
  reordered: InputFile[];
}

/** Which file of the world (or which real file) a piece of the set is. */
type Piece =
  | { kind: 'workspace-show' }
  | { kind: 'compute-show'; index: number }
  | { kind: 'compute-list' }
  | { kind: 'identity-list' }
  | { kind: 'role-assignments' }
  | { kind: 'job'; index: number }
  | { kind: 'azml-compute'; index: number }
  | { kind: 'datastore'; index: number }
  | { kind: 'resource-graph' }
  | { kind: 'private-endpoints' }
  | { kind: 'arm'; index: number; bound: boolean }
  | { kind: 'native'; index: number }
  | { kind: 'corpus-azml'; index: number; retarget: boolean }
  | { kind: 'azcli-fixture'; index: number }
  | { kind: 'graph-fixture'; index: number };

const pieceArb: fc.Arbitrary<Piece> = fc.oneof(
  { weight: 4, arbitrary: fc.constant({ kind: 'workspace-show' as const }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('compute-show' as const), index: fc.nat(3) }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'compute-list' as const }) },
  { weight: 3, arbitrary: fc.constant({ kind: 'identity-list' as const }) },
  { weight: 3, arbitrary: fc.constant({ kind: 'role-assignments' as const }) },
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('job' as const), index: fc.nat(1) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('azml-compute' as const), index: fc.nat(3) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('datastore' as const), index: fc.nat(1) }) },
  { weight: 2, arbitrary: fc.constant({ kind: 'resource-graph' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'private-endpoints' as const }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('arm' as const), index: fc.nat(), bound: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('native' as const), index: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('corpus-azml' as const), index: fc.nat(), retarget: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('azcli-fixture' as const), index: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('graph-fixture' as const), index: fc.nat() }) },
);

function seedFile(seed: MixedSeed | undefined): InputFile | undefined {
  return seed ? { file: seed.file.split('/').pop() ?? seed.file, text: seed.text } : undefined;
}

/**
 * A compiled template bound to the world: parameters without a default get the world's names, so that the
 * template's workspace is the one the other files describe, and it is deployed to the world's group.
 */
function boundTemplate(w: World, seed: MixedSeed): InputFile {
  const file = seedFile(seed) as InputFile;
  let template: { parameters?: Record<string, { type?: string; defaultValue?: unknown }> };
  try {
    template = JSON.parse(seed.text) as typeof template;
  } catch {
    return file;
  }
  for (const [name, parameter] of Object.entries(template.parameters ?? {})) {
    if (parameter.defaultValue !== undefined || String(parameter.type).toLowerCase() !== 'string') continue;
    const lower = name.toLowerCase();
    parameter.defaultValue =
      lower === 'workspacename' || lower === 'name'
        ? w.workspace
        : lower === 'computename'
          ? (w.computes[0]?.name ?? 'gpu-cluster')
          : lower === 'storageaccountname'
            ? w.storage
            : lower === 'location'
              ? 'eastus'
              : lower === 'objectid'
                ? (w.identities[0]?.principalId ?? '')
                : `${lower}-value`;
  }
  return {
    ...file,
    text: JSON.stringify(template, null, 2),
    deployment: { subscriptionId: w.subscriptionId, resourceGroup: w.resourceGroup, location: 'eastus' },
  };
}

/** A corpus YAML whose `compute:` is pointed at one of the world's computes (it names `cpu-cluster` and the like). */
function retargeted(w: World, seed: MixedSeed): InputFile {
  const file = seedFile(seed) as InputFile;
  const compute = w.computes[0]?.name;
  return compute === undefined ? file : { ...file, text: seed.text.replace(/^(\s*compute:\s*)azureml:[\w-]+/gm, `$1azureml:${compute}`) };
}

function render(w: World, piece: Piece): InputFile | undefined {
  switch (piece.kind) {
    case 'workspace-show':
      return azWorkspaceShow(w);
    case 'compute-show':
      return azComputeShow(w, piece.index);
    case 'compute-list':
      return azComputeList(w);
    case 'identity-list':
      return azIdentityList(w);
    case 'role-assignments':
      return azRoleAssignmentList(w);
    case 'job': {
      const job = pick(w.jobs, piece.index);
      return job ? azmlJob(w, job, piece.index % w.jobs.length) : undefined;
    }
    case 'azml-compute':
      return azmlCompute(w, piece.index);
    case 'datastore':
      return azmlDatastore(w, piece.index);
    case 'resource-graph':
      return resourceGraph(w);
    case 'private-endpoints':
      return w.storageEndpoints.length > 0 ? azPrivateEndpointList(w) : undefined;
    case 'arm': {
      const seed = pick(ARM_SEEDS, piece.index);
      return seed ? (piece.bound ? boundTemplate(w, seed) : seedFile(seed)) : undefined;
    }
    case 'native':
      return seedFile(pick(NATIVE_SEEDS, piece.index));
    case 'corpus-azml': {
      const seed = pick(AZML_SEEDS, piece.index);
      return seed ? (piece.retarget ? retargeted(w, seed) : seedFile(seed)) : undefined;
    }
    case 'azcli-fixture':
      return seedFile(pick(AZCLI_SEEDS, piece.index));
    case 'graph-fixture':
      return seedFile(pick(RESOURCE_GRAPH_SEEDS, piece.index));
  }
}

/** A damage one file of the set may take: the ways exports break (a field gone, a wrong type, a cut). */
type Damage =
  | { kind: 'delete'; at: number }
  | { kind: 'retype'; at: number; value: unknown }
  | { kind: 'truncate'; at: number }
  | { kind: 'rename'; at: number; name: string };

const damageArb: fc.Arbitrary<Damage> = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({
    kind: fc.constant('retype' as const),
    at: fc.nat(),
    value: fc.constantFrom<unknown>('', 'x', 0, -1, true, null, {}, [], [null], 'azureml:gpu-cluster', 'mcr.microsoft.com/x:1'),
  }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  // Names that collide with other files' names, in another case.
  fc.record({ kind: fc.constant('rename' as const), at: fc.nat(), name: fc.constantFrom('GPU-CLUSTER', 'Ws-Prod', 'uai-train', 'rg-ml') }),
);

type Box = Record<string, unknown> | unknown[];

/** Every (container, key) of a plain value, outermost first. */
function slots(root: unknown): [Box, string | number][] {
  const out: [Box, string | number][] = [];
  const stack: unknown[] = [root];
  while (stack.length > 0 && out.length < 2_000) {
    const node = stack.pop();
    if (Array.isArray(node)) node.forEach((item, i) => (out.push([node, i]), stack.push(item)));
    else if (node !== null && typeof node === 'object')
      for (const [key, item] of Object.entries(node)) {
        out.push([node as Record<string, unknown>, key]);
        stack.push(item);
      }
  }
  return out;
}

function damage(file: InputFile, d: Damage): InputFile {
  if (d.kind === 'truncate') return { ...file, text: file.text.slice(0, d.at % (file.text.length + 1)) };
  const asJson = /^\s*[[{]/.test(file.text);
  let root: unknown;
  try {
    const docs = parseAllDocuments(file.text, { logLevel: 'silent' });
    if (!Array.isArray(docs) || docs.length !== 1 || (docs[0]?.errors.length ?? 1) > 0) return file;
    root = docs[0]?.toJS({ maxAliasCount: 100 });
  } catch {
    return file;
  }
  const all = slots(root);
  const slot = all[d.at % Math.max(all.length, 1)];
  if (!slot) return file;
  const [box, key] = slot;
  const record = box as Record<string | number, unknown>;
  if (d.kind === 'delete') {
    if (Array.isArray(box)) box.splice(key as number, 1);
    else delete record[key];
  } else if (d.kind === 'retype') record[key] = structuredClone(d.value);
  else if (typeof record[key] === 'string') record[key] = d.name;
  else return file;
  return { ...file, text: asJson ? JSON.stringify(root, null, 2) : stringify(root, { lineWidth: 0 }) };
}

/** Names must differ for locations to mean anything; a repeated name gets a numbered prefix, as a folder would. */
function uniqueNames(files: InputFile[]): InputFile[] {
  const seen = new Set<string>();
  return files.map((file) => {
    let name = file.file;
    for (let n = 2; seen.has(name); n++) name = `${n}-${file.file}`;
    seen.add(name);
    return name === file.file ? file : { ...file, file: name };
  });
}

function describe(c: MixedCase): string {
  return c.files.map((f) => `--- ${f.file}${f.deployment ? ' (deployed to the world)' : ''}\n${f.text.length > 1_500 ? `${f.text.slice(0, 1_500)}…` : f.text}`).join('\n');
}

/** The sets the mixed fuzzer reads: 1 to 7 files of one world, sometimes one of them damaged, in two orders. */
export const mixedCaseArb: fc.Arbitrary<MixedCase> = fc
  .tuple(
    worldArb,
    fc.array(pieceArb, { minLength: 1, maxLength: 7 }),
    fc.option(fc.tuple(fc.nat(), damageArb), { freq: 4, nil: undefined }),
    fc.array(fc.nat(), { minLength: 7, maxLength: 7 }),
  )
  .map(([world, pieces, hurt, keys]) => {
    // The same file twice is one file read twice; keep one.
    const rendered = pieces.map((p) => render(world, p)).filter((f): f is InputFile => f !== undefined);
    let files = uniqueNames(rendered.filter((f, i) => rendered.findIndex((g) => g.file === f.file && g.text === f.text) === i));
    if (hurt && files.length > 0) {
      const at = hurt[0] % files.length;
      files = files.map((f, i) => (i === at ? damage(f, hurt[1]) : f));
    }
    const reordered = files
      .map((file, i) => ({ file, key: keys[i] ?? i }))
      .sort((a, b) => a.key - b.key)
      .map((entry) => entry.file);
    // Reading the set backwards as well is the order most likely to differ from the first.
    const second = reordered.every((f, i) => f === files[i]) ? [...files].reverse() : reordered;
    const c: MixedCase = { files, reordered: second };
    return Object.assign(c, { [fc.toStringMethod]: () => describe(c) });
  });
