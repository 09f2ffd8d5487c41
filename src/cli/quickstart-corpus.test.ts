import { existsSync, readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ENTITY_COLLECTIONS } from '../engine/model/types';
import { readInputs } from '../engine/io/inputs';
import { run } from './run';
import { filesUnder } from './testing/files';
import { memoryIo } from './testing/io';

// Microsoft's Azure ML quickstart templates (../shared/corpus/azure-quickstart-templates, beside the clone in CI
// as in a worktree): compiled Bicep and hand-written ARM, each read on its own as a user would give it.

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const ROOT = resolve(repoRoot, '../shared/corpus/azure-quickstart-templates/quickstarts');

const TEMPLATES = existsSync(ROOT)
  ? filesUnder(ROOT).filter((path) => path.endsWith('.json') && !/parameters\.json$/i.test(path))
  : [];
const PARAMETERS = existsSync(ROOT) ? filesUnder(ROOT).filter((path) => /\.parameters\.json$/i.test(path)) : [];

describe('the Azure quickstart templates corpus', () => {
  it('is present', () => {
    expect(TEMPLATES.length).toBeGreaterThanOrEqual(58);
  });

  it.each(TEMPLATES.map((path) => [relative(ROOT, path), path]))('reads %s without errors', (file, path) => {
    const result = readInputs([{ file, text: readFileSync(path, 'utf8') }]);
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(result.estate).toBeDefined();
  });

  it('finds the resources the templates deploy', () => {
    let entities = 0;
    for (const path of TEMPLATES) {
      const estate = readInputs([{ file: relative(ROOT, path), text: readFileSync(path, 'utf8') }]).estate;
      if (estate) for (const collection of ENTITY_COLLECTIONS) entities += estate[collection].length;
    }
    // 343 before issue 15 (one template refused, copy loops left out).
    expect(entities).toBeGreaterThanOrEqual(349);
  });

  it('has a template beside every parameters file', () => {
    expect(PARAMETERS.length).toBeGreaterThanOrEqual(53);
    for (const path of PARAMETERS) expect(TEMPLATES).toContain(path.replace(/\.parameters\.json$/i, '.json'));
  });

  it.each(PARAMETERS.map((path) => [relative(ROOT, path), path]))(
    'reads %s with its template through the CLI: paired as inputs, and as --parameters',
    async (file, path) => {
      const template = file.replace(/\.parameters\.json$/i, '.json');
      const files = { [file]: readFileSync(path, 'utf8'), [template]: readFileSync(path.replace(/\.parameters\.json$/i, '.json'), 'utf8') };
      const paired = memoryIo(files);
      expect(await run(['validate', file, template], paired.io), paired.stderr()).toBe(0);
      const given = memoryIo(files);
      expect(await run(['validate', template, '--parameters', file], given.io), given.stderr()).toBe(0);
      // Alone, it is one located line, not a YAML error.
      const alone = memoryIo(files);
      expect(await run(['validate', file], alone.io)).toBe(2);
      expect(alone.stderr()).toContain(`${file}:1:1: error: this is an ARM parameters file, and its template`);
    },
  );
});
