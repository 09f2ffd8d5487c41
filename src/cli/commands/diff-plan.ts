import { type EstateDiff, isEmptyDiff, isPlanMatched, type PlanComparison, type TwoWayFix } from '../../engine';

/** Outputs of `diff --plan` (text and Markdown) and the Markdown of a plain `diff`, as a pull-request comment shows it. */

type Item = { line: string; fix?: TwoWayFix };

function planSections(c: PlanComparison): { title: string; items: Item[] }[] {
  const grant = (g: PlanComparison['declaredMissing'][number]) => `${g.roleName} for ${g.principalName} on ${g.scopeName}${g.condition ? ' (with a condition)' : ''}`;
  return [
    { title: 'Declared in the plan, absent in reality', items: c.declaredMissing.map((g) => ({ line: grant(g), fix: g.fix })) },
    { title: 'In reality, not declared in the plan (drift)', items: c.undeclared.map((g) => ({ line: grant(g), fix: g.fix })) },
    { title: 'Automatic grants Azure ML should have made, absent', items: c.automaticMissing.map((g) => ({ line: grant(g), fix: g.fix })) },
    { title: 'Identities configured otherwise', items: c.identities.map((i) => ({ line: `${i.kind} ${i.name}: planned ${i.planned}, actual ${i.actual}`, fix: i.fix })) },
    {
      title: 'Paths whose identity or outcome differs',
      items: c.paths.map((p) => ({
        line: `${p.title}: ${[
          ...(p.changed.includes('status') ? [`planned ${p.before.status}, actual ${p.after.status}`] : []),
          ...(p.changed.includes('identity') ? [`planned as ${p.before.identity}, actual as ${p.after.identity}`] : []),
        ].join('; ')}`,
        fix: p.fix,
      })),
    },
  ];
}

function planCounts(c: PlanComparison): string {
  return (
    `${c.declaredMissing.length} declared grant(s) absent, ${c.undeclared.length} undeclared grant(s), ` +
    `${c.automaticMissing.length} automatic grant(s) absent, ${c.identities.length} identit${c.identities.length === 1 ? 'y' : 'ies'} differ, ${c.paths.length} path(s) differ`
  );
}

/** `diff --plan` for a terminal: one section per kind of difference, each item with both fixes. */
export function planText(c: PlanComparison): string {
  if (isPlanMatched(c)) return 'The plan matches reality.\n';
  const lines: string[] = [];
  for (const { title, items } of planSections(c)) {
    if (items.length === 0) continue;
    lines.push(`${title} (${items.length}):`);
    for (const item of items) {
      lines.push(`  ${item.line}`);
      if (item.fix) lines.push(`    make reality match: ${item.fix.reality}`, `    or update the plan: ${item.fix.plan}`);
    }
    lines.push('');
  }
  lines.push(planCounts(c));
  return `${lines.join('\n')}\n`;
}

/** Text safe inside Markdown (a list item or a table cell). */
const md = (text: string) => text.replace(/([\\`*_[\]|<>])/g, '\\$1');
const code = (text: string) => `\`${text.replace(/`/g, "'")}\``;

/** `diff --plan --format markdown`: a summary first, then a section per kind with both fixes. */
export function planMarkdown(c: PlanComparison): string {
  const lines = ['## Plan versus reality', ''];
  if (isPlanMatched(c)) return `${lines.join('\n')}\nThe plan matches reality.\n`;
  lines.push(`**${md(planCounts(c))}**`, '');
  for (const { title, items } of planSections(c)) {
    if (items.length === 0) continue;
    lines.push(`### ${title} (${items.length})`, '');
    for (const item of items) {
      lines.push(`- ${md(item.line)}`);
      if (item.fix) {
        const reality = item.fix.reality.startsWith('az ') ? code(item.fix.reality) : md(item.fix.reality);
        lines.push(`  - make reality match: ${reality}`, `  - or update the plan: ${md(item.fix.plan)}`);
      }
    }
    lines.push('');
  }
  return `${lines.join('\n')}`;
}

/** `diff --format markdown`: what a pull request changes, for a comment on it. */
export function diffMarkdown(diff: EstateDiff): string {
  const lines = ['## Access changes', ''];
  if (isEmptyDiff(diff)) return `${lines.join('\n')}\nNo differences.\n`;
  const s = diff.summary;
  lines.push(
    '| | count |',
    '|---|---|',
    `| grants added | ${s.grantsAdded} |`,
    `| grants removed | ${s.grantsRemoved} |`,
    `| paths changed | ${s.pathsChanged} |`,
    `| findings opened (error / warning / info) | ${s.findingsOpened.error} / ${s.findingsOpened.warning} / ${s.findingsOpened.info} |`,
    `| findings closed | ${s.findingsClosed.error + s.findingsClosed.warning + s.findingsClosed.info} |`,
    `| entities added / removed / changed | ${s.entitiesAdded} / ${s.entitiesRemoved} / ${s.entitiesChanged} |`,
    '',
  );
  const section = (title: string, items: string[]) => {
    if (items.length === 0) return;
    lines.push(`### ${title} (${items.length})`, '', ...items.map((i) => `- ${i}`), '');
  };
  const grant = (g: EstateDiff['grants']['added'][number]) => md(`${g.roleName} for ${g.principalName} on ${g.scopeName}${g.condition ? ' (with a condition)' : ''}`);
  section('Findings opened', diff.findings.opened.map((f) => `**${f.severity}** ${code(f.ruleId)} ${md(f.title)}: ${md(f.message)}`));
  section('Grants added', diff.grants.added.map(grant));
  section('Grants removed', diff.grants.removed.map(grant));
  section(
    'Paths changed',
    diff.paths.changed.map((p) =>
      md(
        `${p.title}: ${[
          ...(p.changed.includes('status') ? [`${p.before.status} → ${p.after.status}`] : []),
          ...(p.changed.includes('identity') ? [`as ${p.before.identity} → as ${p.after.identity}`] : []),
        ].join('; ')}`,
      ),
    ),
  );
  section('Findings closed', diff.findings.closed.map((f) => `${code(f.ruleId)} ${md(f.title)}`));
  return `${lines.join('\n')}`;
}
