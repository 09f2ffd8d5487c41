import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkDependencies } from './check-dependencies.mjs';

// Each check of .dependency-cruiser.mjs shown failing on a small tree with one planted violation, and the
// same tree without it passing.

const CONFIG = resolve('.dependency-cruiser.mjs');
const trees: string[] = [];

/** A clean miniature of the project: one file per floor, the surface, an on-demand entry and two shells. */
const CLEAN: Record<string, string> = {
  'src/engine/model/ids.ts': `export type EntityId = string;\n`,
  'src/engine/model/types.ts': `import type { EntityId } from './ids';\nexport interface Estate { ids: EntityId[] }\n`,
  'src/engine/rbac/check.ts': `import type { Estate } from '../model/types';\nexport const check = (e: Estate) => e.ids.length;\n`,
  'src/engine/context/analysis-context.ts': `import { check } from '../rbac/check';\nexport const context = check;\n`,
  'src/engine/paths/types.ts': `import { context } from '../context/analysis-context';\nexport const paths = context;\n`,
  'src/engine/rules/types.ts': `import { paths } from '../paths/types';\nexport const rules = paths;\n`,
  'src/engine/analysis/analyze.ts': `import { rules } from '../rules/types';\nexport const analyze = rules;\n`,
  'src/engine/io/core/context.ts': `import type { Estate } from '../../model/types';\nexport type Read = Estate;\n`,
  'src/engine/io/native/reader.ts': `import type { Read } from '../core/context';\nexport const readNative = (r: Read) => r;\n`,
  'src/engine/io/azml/reader.ts': `import type { Read } from '../core/context';\nexport const readAzml = (r: Read) => r;\n`,
  'src/engine/io/writers/report.ts': `import { analyze } from '../../analysis/analyze';\nexport const report = analyze;\n`,
  'src/engine/index.ts': `export { analyze } from './analysis/analyze';\nexport { readNative } from './io/native/reader';\nexport type { Estate } from './model/types';\nexport const loadAnalysis = () => import('./on-demand/analysis');\n`,
  'src/engine/on-demand/analysis.ts': `export { analyze } from '../analysis/analyze';\n`,
  'src/engine/model/types.test.ts': `import { analyze } from '../analysis/analyze';\nexport const reachesUp = analyze;\n`,
  'src/app/main.ts': `import { loadAnalysis, type Estate } from '../engine';\nexport const load = (e: Estate) => loadAnalysis().then((m) => m.analyze(e));\n`,
  'src/cli/main.ts': `import { analyze, type Estate } from '../engine';\nexport const run = (e: Estate) => analyze(e);\n`,
};

function plant(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'dependency-check-'));
  trees.push(root);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

async function violationsOf(files: Record<string, string>): Promise<string[]> {
  const root = plant(files);
  const { violations } = await checkDependencies(['src'], {
    cwd: root,
    config: CONFIG,
    knownViolations: join(root, 'none.json'),
  });
  return violations;
}

afterEach(() => {
  for (const root of trees.splice(0)) rmSync(root, { recursive: true, force: true });
});

describe('the dependency check (.dependency-cruiser.mjs)', () => {
  it('passes the clean miniature, where a test may reach any floor', async () => {
    expect(await violationsOf(CLEAN)).toEqual([]);
  });

  it('fails on a circle, type-only imports included', async () => {
    const violations = await violationsOf({
      ...CLEAN,
      'src/engine/model/ids.ts': `import type { Estate } from './types';\nexport type EntityId = string;\nexport type Of = Estate;\n`,
    });
    expect(violations.some((v) => v.startsWith('no-circular: src/engine/model/'))).toBe(true);
  });

  it('fails on an upward import inside the engine (paths reaching the rules above them)', async () => {
    const violations = await violationsOf({
      ...CLEAN,
      'src/engine/paths/builder.ts': `import { rules } from '../rules/types';\nexport const built = rules;\n`,
    });
    expect(violations).toContain('floor:paths: src/engine/paths/builder.ts -> src/engine/rules/types.ts');
  });

  it('fails on a sideways import between floors that do not stand on each other (a reader using the analysis)', async () => {
    const violations = await violationsOf({
      ...CLEAN,
      'src/engine/io/core/context.ts': `import { analyze } from '../../analysis/analyze';\nexport const read = analyze;\n`,
    });
    expect(violations).toContain(
      'floor:io readers: src/engine/io/core/context.ts -> src/engine/analysis/analyze.ts',
    );
  });

  it('fails on an engine file in a folder that stands on no floor', async () => {
    const violations = await violationsOf({
      ...CLEAN,
      'src/engine/newfolder/thing.ts': `import type { Estate } from '../model/types';\nexport type Thing = Estate;\n`,
    });
    expect(violations).toContain(
      'engine-file-on-no-floor: src/engine/newfolder/thing.ts -> src/engine/model/types.ts',
    );
  });

  it('fails on a format folder importing another format', async () => {
    const violations = await violationsOf({
      ...CLEAN,
      'src/engine/io/azml/reader.ts': `import { readNative } from '../native/reader';\nexport const readAzml = readNative;\n`,
    });
    expect(violations).toContain(
      'format-imports-another-format: src/engine/io/azml/reader.ts -> src/engine/io/native/reader.ts',
    );
  });

  it('fails on a shell importing behind the engine surface', async () => {
    const violations = await violationsOf({
      ...CLEAN,
      'src/cli/main.ts': `import type { Estate } from '../engine/model/types';\nexport const run = (e: Estate) => e;\n`,
    });
    expect(violations).toContain('shell-behind-engine-surface: src/cli/main.ts -> src/engine/model/types.ts');
  });

  it('fails on an on-demand entry imported other than by its loader, and on an import() of the whole surface', async () => {
    const violations = await violationsOf({
      ...CLEAN,
      'src/app/main.ts': `import { analyze } from '../engine/on-demand/analysis';\nexport const a = analyze;\nexport const load = () => import('../engine');\n`,
      'src/engine/analysis/warm.ts': `export const warm = () => import('../on-demand/analysis');\n`,
    });
    expect(violations).toContain(
      'on-demand-entry-outside-its-loader: src/app/main.ts -> src/engine/on-demand/analysis.ts',
    );
    expect(violations).toContain(
      'on-demand-entry-outside-its-loader: src/engine/analysis/warm.ts -> src/engine/on-demand/analysis.ts',
    );
    expect(violations).toContain('engine-surface-loaded-on-demand: src/app/main.ts -> src/engine/index.ts');
  });

  it('fails on the engine importing a shell, and on one shell importing the other', async () => {
    const violations = await violationsOf({
      ...CLEAN,
      'src/engine/model/types.ts': `import { load } from '../../app/main';\nexport interface Estate { ids: string[] }\nexport const l = load;\n`,
      'src/cli/main.ts': `import { load } from '../app/main';\nexport const run = load;\n`,
    });
    expect(violations).toContain('engine-imports-a-shell: src/engine/model/types.ts -> src/app/main.ts');
    expect(violations).toContain('shells-import-each-other: src/cli/main.ts -> src/app/main.ts');
  });
});
