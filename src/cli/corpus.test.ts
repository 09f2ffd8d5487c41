import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isAzureMlYaml, readAzureMlFiles, readAzureMlYaml, type AzureMlReadResult } from '../engine/io/azml';
import { readInputs } from '../engine/io/inputs';
import type { Entity, EntityKind } from '../engine/model/types';
import { ENTITY_COLLECTIONS } from '../engine/model/types';
import { filesUnder } from './testing/files';

// Every file of the azureml-examples corpus (fixtures/corpus/azureml-examples, MIT, see its README): real az ml
// v2 files as users have them on disk, read one by one and as one import.

const ROOT = fileURLToPath(new URL('../../fixtures/corpus/azureml-examples', import.meta.url));

const ALL = filesUnder(ROOT).map((path) => ({ file: relative(ROOT, path).split('\\').join('/'), path }));
const YAML = ALL.filter((f) => /\.ya?ml$/i.test(f.file)).map((f) => ({
  file: f.file,
  text: readFileSync(f.path, 'utf8'),
}));

/** The files that are not valid YAML as published, with what their first error must name. */
const BROKEN: Record<string, { line: number; column: number; path: string; names: string }> = {
  'cli/endpoints/online/custom-container/minimal/multimodel/minimal-multimodel-deployment.yml': {
    line: 3,
    column: 16,
    path: 'endpoint_name',
    names: '{{ENDPOINT_NAME}}',
  },
  'cli/endpoints/online/custom-container/minimal/single-model/conda-in-dockerfile/minimal-single-model-conda-in-dockerfile-deployment.yml':
    {
      line: 3,
      column: 16,
      path: 'endpoint_name',
      names: '{{ENDPOINT_NAME}}',
    },
  'cli/endpoints/online/custom-container/minimal/single-model/pip-in-dockerfile/minimal-single-model-pip-in-dockerfile-deployment.yml':
    {
      line: 3,
      column: 16,
      path: 'endpoint_name',
      names: '{{ENDPOINT_NAME}}',
    },
  'cli/endpoints/online/custom-container/mlflow/multideployment-scikit/mlflow-deployment.yml': {
    line: 2,
    column: 7,
    path: 'name',
    names: '{{deployment_name}}',
  },
  'cli/endpoints/online/custom-container/r/multimodel-plumber/r-deployment.yml': {
    line: 14,
    column: 10,
    path: 'environment.image',
    names: '{{ACR_NAME}}',
  },
  'cli/endpoints/online/custom-container/tfserving/half-plus-two-integrated/half-plus-two-integrated-deployment.yml':
    {
      line: 3,
      column: 16,
      path: 'endpoint_name',
      names: '{{ENDPOINT_NAME}}',
    },
  'cli/endpoints/online/custom-container/torchserve/densenet/torchserve-deployment.yml': {
    line: 9,
    column: 10,
    path: 'environment.image',
    names: '{{ACR_NAME}}',
  },
  'cli/endpoints/online/custom-container/triton/single-model/triton-cc-deployment.yml': {
    line: 3,
    column: 17,
    path: 'endpoint_name',
    names: '{{ENDPOINT_NAME}}',
  },
  'cli/endpoints/online/triton/single-model/olive_model_analyzer/config_bert_olive_analyze.yml': {
    line: 16,
    column: 1,
    path: 'checkpoint_directory',
    names: 'checkpoint_directory',
  },
};

/** Entities the files declare (not the stubs and placeholders that stand for what they only refer to), by kind. */
function declaredByKind(results: readonly AzureMlReadResult[]): Partial<Record<EntityKind, number>> {
  const counts: Partial<Record<EntityKind, number>> = {};
  for (const result of results) {
    if (!result.estate) continue;
    for (const collection of ENTITY_COLLECTIONS)
      for (const entity of result.estate[collection] as Entity[]) {
        if (result.provenance.meta.get(entity)?.stub !== false) continue;
        counts[entity.kind] = (counts[entity.kind] ?? 0) + 1;
      }
  }
  return counts;
}

function skippedByKind(results: readonly AzureMlReadResult[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const result of results)
    for (const item of result.skipped) counts[item.kind] = (counts[item.kind] ?? 0) + 1;
  return counts;
}

// The same figures whether the files are read alone or as one import: only placement differs.
const DECLARED: Partial<Record<EntityKind, number>> = {
  workspace: 7,
  // 10 clusters, instances and Kubernetes computes, and 4 attached ones (a virtual machine, 3 Synapse Spark pools).
  compute: 14,
  onlineEndpoint: 18,
  onlineDeployment: 28,
  datastore: 10,
  connection: 7,
  job: 52,
  // The 7 workspaces, 17 of the endpoints (one has a user-assigned identity only), one compute cluster and one
  // attached Synapse Spark pool.
  systemAssignedIdentity: 26,
};
const SKIPPED = {
  component: 26,
  conda: 18,
  modelPackage: 5,
  registry: 3,
  model: 2,
  environment: 1,
  data: 1,
  automlJob: 1,
  unknown: 1,
};

describe('azureml-examples corpus', () => {
  it('holds the files it says it holds, with its licence', () => {
    expect(ALL.map((f) => f.file)).toEqual(expect.arrayContaining(['LICENSE', 'README.md']));
    expect(YAML).toHaveLength(203);
    for (const other of ALL.filter((f) => !/\.ya?ml$/i.test(f.file)))
      expect(isAzureMlYaml(readFileSync(other.path, 'utf8'))).toBe(false);
  });

  describe('each file on its own', () => {
    const results = YAML.map((input) => readAzureMlYaml(input.text, input.file));

    it.each(YAML.map((input, index) => [input.file, index] as const))('%s', (file, index) => {
      const result = results[index] as AzureMlReadResult;
      const errors = result.diagnostics.filter((d) => d.severity === 'error');
      const broken = BROKEN[file];
      if (!broken) {
        expect(errors).toEqual([]);
        expect(result.estate).toBeDefined();
        // Everything recognised either became entities or is listed as skipped with its reason.
        const entities = ENTITY_COLLECTIONS.reduce((n, c) => n + (result.estate?.[c].length ?? 0), 0);
        expect(entities > 0 || result.skipped.length > 0).toBe(true);
        for (const item of result.skipped) expect(item.note).not.toBe('');
        return;
      }
      expect(result.estate).toBeUndefined();
      expect(errors[0]).toMatchObject({ file, line: broken.line, column: broken.column, path: broken.path });
      expect(errors[0]?.message).toContain(broken.names);
      for (const error of errors) {
        expect(error.file).toBe(file);
        expect(error.line).toBeGreaterThan(0);
        expect(error.column).toBeGreaterThan(0);
      }
    });

    it('declares the expected entities and skips the expected kinds', () => {
      expect(results.filter((r) => r.estate !== undefined)).toHaveLength(203 - Object.keys(BROKEN).length);
      expect(declaredByKind(results)).toEqual(DECLARED);
      expect(skippedByKind(results)).toEqual(SKIPPED);
    });

    it('keeps no credential value from the corpus', () => {
      const everything = JSON.stringify(results.map((r) => r.estate));
      for (const secret of [
        'dummy_pat',
        'example-password',
        'XXXxxxXXXxXXXXxxXXXXXxXXXXXxXxxXxXXX',
        'XxXxXxXXXXXXXxXxXxxXxxXXXXXXXX',
        '&xxx=XXxXXXxxxxxXXXXX',
      ])
        expect(everything).not.toContain(secret);
    });
  });

  describe('all files as one import', () => {
    const results = readAzureMlFiles(YAML);

    it('reports errors for the broken files only', () => {
      const failing = YAML.filter((_, i) => results[i]?.diagnostics.some((d) => d.severity === 'error')).map(
        (f) => f.file,
      );
      expect(failing.sort()).toEqual(Object.keys(BROKEN).sort());
      expect(declaredByKind(results)).toEqual(DECLARED);
      expect(skippedByKind(results)).toEqual(SKIPPED);
    });

    it('places the children of the seven workspaces in the placeholder workspace, and reads local component files', () => {
      const jobs = results.flatMap((r) => r.estate?.jobs ?? []);
      const pipeline = jobs.find((j) => j.name === '5c_env_conda_file-pipeline');
      expect(pipeline?.steps[0]?.environment).toEqual({
        image: 'mcr.microsoft.com/azureml/openmpi5.0-cuda12.4-ubuntu22.04:latest',
        build: 'managed_build',
      });
      expect(new Set(jobs.map((j) => j.workspace)).size).toBe(1);
      expect(new Set(jobs.map((j) => j.id)).size).toBe(52);
    });
  });

  describe('through readInputs, as the CLI reads a folder', () => {
    const refused = readInputs(YAML);
    // The folder holds seven workspace files and assets that name none: the CLI's --workspace (the app's chooser) says which.
    const chosen = readInputs(YAML.map((input) => ({ ...input, workspace: refused.workspaceChoice?.[0]?.name ?? '' })));

    it('without a workspace chosen, refuses every asset that names none (located), and imports nothing', () => {
      expect(refused.estate).toBeUndefined();
      expect(refused.workspaceChoice).toHaveLength(7);
      const unplaced = refused.diagnostics.filter((d) => d.severity === 'error' && d.message.includes('holds 7 workspaces'));
      expect(unplaced.length).toBeGreaterThan(52);
      for (const error of unplaced) expect(error).toMatchObject({ file: expect.any(String), line: expect.any(Number) });
    });

    it('with one chosen, reports errors for the broken files only, and still reads the others', () => {
      const errorFiles = new Set(chosen.diagnostics.filter((d) => d.severity === 'error').map((d) => d.file));
      expect([...errorFiles].sort()).toEqual(Object.keys(BROKEN).sort());
      expect(chosen.estate).toBeDefined();
      expect(chosen.estate?.jobs).toHaveLength(52);
      expect(chosen.estate?.onlineDeployments.length).toBeGreaterThan(0);
    });
  });
});
