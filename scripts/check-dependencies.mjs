#!/usr/bin/env node
// The dependency check of `npm test`: dependency-cruiser with the house rules of .dependency-cruiser.mjs
// (no circles, the engine's floors, formats apart, the shells through the engine's surface).
//
//   node scripts/check-dependencies.mjs            checks src/
//   node scripts/check-dependencies.mjs <dir>...   checks other trees (the planted ones of the test)
//
// It calls dependency-cruiser's API rather than its command, which refuses to start on Node 20 (the
// project's floor) although the API runs there. Known violations that another branch removes can be listed
// in .dependency-cruiser-known-violations.json (dependency-cruiser's baseline format); none are expected.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { cruise } from 'dependency-cruiser';

/**
 * Cruises `roots` with the rules and returns the violations, one line each.
 * @param {string[]} roots folders relative to `cwd`
 * @param {{ cwd?: string; config?: string; knownViolations?: string }} [options]
 * @returns {Promise<{ violations: string[]; modules: number; known: number }>}
 */
export async function checkDependencies(roots, options = {}) {
  const cwd = resolve(options.cwd ?? process.cwd());
  const configPath = resolve(options.config ?? '.dependency-cruiser.mjs');
  const { default: config } = await import(pathToFileURL(configPath).href);
  const known = options.knownViolations ?? resolve(cwd, '.dependency-cruiser-known-violations.json');
  const { enhancedResolveOptions, ...cruiseOptions } = config.options;
  const result = await cruise(
    roots,
    {
      ...cruiseOptions,
      baseDir: cwd,
      validate: true,
      ruleSet: { forbidden: config.forbidden },
      ...(existsSync(known) ? { knownViolations: JSON.parse(readFileSync(known, 'utf8')) } : {}),
    },
    enhancedResolveOptions,
  );
  const { summary, modules } = /** @type {import('dependency-cruiser').ICruiseResult} */ (result.output);
  const violations = summary.violations
    .filter((v) => v.rule.severity === 'error')
    .map((v) => {
      const via = v.cycle ? ` (circle: ${v.cycle.map((step) => step.name).join(' -> ')})` : '';
      return `${v.rule.name}: ${v.from} -> ${v.to}${via}`;
    });
  return { violations, modules: modules.length, known: summary.ignore ?? 0 };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const roots = process.argv.slice(2);
  const { violations, modules, known } = await checkDependencies(roots.length > 0 ? roots : ['src']);
  for (const line of violations) console.error(line);
  if (violations.length > 0) {
    console.error(
      `dependencies: ${violations.length} broken rule(s) in ${modules} modules (rules: .dependency-cruiser.mjs)`,
    );
    process.exit(1);
  }
  const listed =
    known > 0 ? ` (${known} known violation(s) left aside: .dependency-cruiser-known-violations.json)` : '';
  console.log(`dependencies: ${modules} modules, no circle, every import on its floor${listed}`);
}
