import { describe, expect, it } from 'vitest';
import starter from '../../../public/samples/starter.yaml?raw';
import { run } from '../run';
import { memoryIo } from '../testing/io';

/** The starter with the missing AcrPull granted (closes a warning: the grant to a cluster UAI rests on an unconfirmed fact). */
const fixed = starter.replace(
  '  - principal: uai-build\n    role: AcrPull',
  '  - principal: uai-train\n    role: AcrPull\n    scope: acrchurnprod\n  - principal: uai-build\n    role: AcrPull',
);

describe('aml-access-map diff', () => {
  it('prints grants, paths and findings that changed, and exits 0 when nothing new is opened', async () => {
    const m = memoryIo({ 'before.yaml': starter, 'after.yaml': fixed });
    expect(await run(['diff', 'before.yaml', '--', 'after.yaml'], m.io)).toBe(0);
    const text = m.stdout();
    expect(text).toContain('Grants added (1):\n  + AcrPull for uai-train on acrchurnprod');
    expect(text).toMatch(/Paths changed \(\d+\):\n {2}~ .*cpu-cluster.*: missing -> granted/);
    expect(text).toMatch(/Findings closed \(\d+\):\n {2}- WARN {2}AML-ACR-004/);
    expect(text).not.toContain('Findings opened');
  });

  it('exits 1 when the change opens a finding at or above --fail-on-new, and 0 with never', async () => {
    const files = { 'before.yaml': fixed, 'after.yaml': starter };
    const m = memoryIo(files);
    expect(await run(['diff', 'before.yaml', '--', 'after.yaml', '--fail-on-new', 'warning'], m.io)).toBe(1);
    expect(m.stdout()).toMatch(/Findings opened \(\d+\):\n {2}\+ WARN {2}AML-ACR-004/);
    // The opened finding is a warning, below the default threshold (error).
    expect(await run(['diff', 'before.yaml', '--', 'after.yaml'], memoryIo(files).io)).toBe(0);
    expect(await run(['diff', 'before.yaml', '--', 'after.yaml', '--fail-on-new', 'never'], memoryIo(files).io)).toBe(0);
    // Options may stand before the `--` as well.
    expect(await run(['diff', '--fail-on-new', 'never', 'before.yaml', '--', 'after.yaml'], memoryIo(files).io)).toBe(0);
  });

  it('prints the documented JSON shape', async () => {
    const m = memoryIo({ 'before.yaml': starter, 'after.yaml': fixed });
    expect(await run(['diff', 'before.yaml', '--', 'after.yaml', '--format', 'json', '-o', 'diff.json'], m.io)).toBe(0);
    const json = JSON.parse(m.written['diff.json'] ?? '{}');
    expect(Object.keys(json)).toEqual(['version', 'before', 'after', 'grants', 'paths', 'findings', 'entities', 'summary']);
    expect(json.version).toBe(1);
    expect(json.before).toEqual({ files: ['before.yaml'] });
    expect(json.grants.added[0]).toMatchObject({ principalName: 'uai-train', roleName: 'AcrPull', scopeName: 'acrchurnprod' });
    expect(Object.keys(json.grants)).toEqual(['added', 'removed', 'conditionChanged']);
    expect(Object.keys(json.paths)).toEqual(['changed', 'added', 'removed']);
    expect(Object.keys(json.findings)).toEqual(['opened', 'closed']);
    expect(Object.keys(json.entities)).toEqual(['added', 'removed', 'changed']);
    expect(json.summary.findingsClosed.warning).toBeGreaterThanOrEqual(1);
  });

  it('writes a Markdown summary for a pull-request comment', async () => {
    const m = memoryIo({ 'before.yaml': starter, 'after.yaml': fixed });
    expect(await run(['diff', 'before.yaml', '--', 'after.yaml', '--format', 'markdown'], m.io)).toBe(0);
    const text = m.stdout();
    expect(text).toMatch(/^## Access changes\n\n\| \| count \|\n\|---\|---\|\n\| grants added \| 1 \|/);
    expect(text).toContain('### Grants added (1)\n\n- AcrPull for uai-train on acrchurnprod\n');
    expect(text).toMatch(/### Findings closed \(\d+\)\n\n- `AML-ACR-004`/);
    const same = memoryIo({ 'a.yaml': starter, 'b.yaml': starter });
    expect(await run(['diff', 'a.yaml', '--', 'b.yaml', '--format', 'markdown'], same.io)).toBe(0);
    expect(same.stdout()).toBe('## Access changes\n\nNo differences.\n');
  });

  it('says so when there is no difference', async () => {
    const m = memoryIo({ 'a.yaml': starter, 'b.yaml': starter });
    expect(await run(['diff', 'a.yaml', '--', 'b.yaml'], m.io)).toBe(0);
    expect(m.stdout()).toBe('No differences.\n');
  });

  it('exits 2 without output on bad input or usage', async () => {
    const cases: [string[], Record<string, string>][] = [
      [['diff', 'a.yaml', 'b.yaml'], { 'a.yaml': starter, 'b.yaml': starter }],
      [['diff', 'a.yaml', '--'], { 'a.yaml': starter }],
      [['diff', '--', 'a.yaml'], { 'a.yaml': starter }],
      [['diff', 'a.yaml', '--', 'missing.yaml', '-o', 'd.txt'], { 'a.yaml': starter }],
      [['diff', 'a.yaml', '--', 'bad.yaml', '-o', 'd.txt'], { 'a.yaml': starter, 'bad.yaml': 'version: 1\nworkspaces: [ {name: 1' }],
      [['diff', 'a.yaml', '--', 'a.yaml', '--format', 'xml'], { 'a.yaml': starter }],
      [['diff', 'a.yaml', '--', 'a.yaml', '--fail-on-new', 'info'], { 'a.yaml': starter }],
    ];
    for (const [argv, files] of cases) {
      const m = memoryIo(files);
      expect(await run(argv, m.io), argv.join(' ')).toBe(2);
      expect(m.stdout(), argv.join(' ')).toBe('');
      expect(m.written).toEqual({});
    }
  });
});
