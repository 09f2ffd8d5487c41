import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import starter from '../../../../public/samples/starter.yaml?raw';
import { analyze } from '../../analysis/analyze';
import { baseEstateYaml, estateFromYaml } from '../../testing/estates';
import { createAnalysisContext } from '../../context/analysis-context';
import type { EntityId } from '../../model/ids';
import { writeMarkdownReport } from './markdown';
import { handAnalysis, handFinding } from '../../testing/writers';
import { mdCodeBlock, mdFileLink, mdText, mermaidText } from './markdown-escape';

/** CommonMark with GitHub's tables and strikethrough, raw HTML allowed: what a permissive viewer would do. */
const md = new MarkdownIt({ html: true, linkify: true });
const render = (text: string) => md.render(text);

describe('writeMarkdownReport', () => {
  const estate = estateFromYaml(starter, 'starter.yaml');
  const analysis = analyze(estate);
  const report = writeMarkdownReport(analysis, estate, { date: '2025-06-01' });

  it('has the title, date, estate name and summary counts', () => {
    expect(report.startsWith('# Azure ML access review: Contoso churn team\n')).toBe(true);
    expect(report).toContain('on 2025-06-01.');
    // AML-ACR-004 on the user-assigned cpu-cluster identity warns: its automatic grant is unconfirmed (R20).
    expect(report).toContain('| Errors | 1 |');
    expect(report).toContain('| Warnings | 17 |');
    expect(report).toContain(`| missing | ${analysis.summary.paths.missing ?? 0} |`);
    expect(report).toContain('Role assignments in this estate are planned');
  });

  it('lists findings by severity with message, consequence, readable RBAC evidence and the az fix in a code block', () => {
    const errors = report.indexOf('### Errors (1)');
    const warnings = report.indexOf('### Warnings (17)');
    expect(errors).toBeGreaterThan(0);
    expect(warnings).toBeGreaterThan(errors);
    const acr = report.slice(report.indexOf('AML-ACR-004: Compute cluster cannot pull images'), report.indexOf('#### 3.'));
    expect(acr).toContain('- **Subjects:** uai-train (user-assigned identity), acrchurnprod (container registry), cpu-cluster (compute)');
    expect(acr).toContain('**What is wrong.** uai-train \\(user-assigned identity\\) cannot pull images');
    expect(acr).toContain('**What follows.** Jobs on cpu-cluster fail');
    expect(acr).toContain('**denied** (may uai-train perform action `Microsoft.ContainerRegistry/registries/pull/read` on container registry acrchurnprod?)');
    expect(acr).toContain('No role assignment of the principal or its groups grants it');
    expect(acr).toContain('```bash\n# AcrPull for uai-train on acrchurnprod\naz role assignment create --assignee-object-id 1c7d8e9f-2031-4b42-8c53-d64e75f60a12');
  });

  it('renders a grant with its role, assigned scope, group path and pattern', () => {
    const e = estateFromYaml(
      baseEstateYaml({
        extra: `user_assigned_identities:
  - name: uai-ws
    resource_group: rg-ml
groups:
  - name: outer
    members: [inner]
  - name: inner
    members: [uai-ws]
role_assignments:
  - principal: outer
    role: Reader
    scope: rg-ml
`,
      }),
    );
    const context = createAnalysisContext(e);
    const uai = e.userAssignedIdentities[0]?.id as EntityId;
    const decision = context.can(uai, 'Microsoft.Storage/storageAccounts/read', e.storageAccounts[0]?.armId ?? '');
    const finding = { ...handFinding(e, 'AML-HAND-001|x', 'info', []), evidence: [{ kind: 'decision' as const, label: 'read the account', decision }] };
    const text = writeMarkdownReport(handAnalysis([finding]), e);
    expect(text).toContain('- read the account: **allowed** (may uai-ws perform action `Microsoft.Storage/storageAccounts/read` on storage account stml?)');
    expect(text).toContain('  - Granted by role Reader at resource group rg-ml, through group inner → outer; pattern `*/read` matches (planned).');
  });

  it('tells one question asked for several principals once, each grant with the principals it holds for', () => {
    const e = estateFromYaml(
      baseEstateYaml({
        extra: `user_assigned_identities:
  - name: uai-a
    resource_group: rg-ml
  - name: uai-b
    resource_group: rg-ml
groups:
  - name: readers
    members: [uai-a, uai-b]
role_assignments:
  - principal: readers
    role: Reader
    scope: rg-ml
  - principal: uai-b
    role: Contributor
    scope: rg-ml
`,
      }),
    );
    const context = createAnalysisContext(e);
    const storage = e.storageAccounts[0]?.armId ?? '';
    const evidence = e.userAssignedIdentities.map((uai) => ({
      kind: 'decision' as const,
      label: `${uai.name}: read the account`,
      decision: context.can(uai.id, 'Microsoft.Storage/storageAccounts/read', storage),
    }));
    const finding = { ...handFinding(e, 'AML-HAND-001|x', 'info', []), evidence };
    const text = writeMarkdownReport(handAnalysis([finding]), e);
    expect(text).toContain('- read the account: **allowed** for 2 principals (may they perform action `Microsoft.Storage/storageAccounts/read` on storage account stml?): uai-a, uai-b');
    expect(text).toContain('  - Granted by role Reader at resource group rg-ml, through group readers; pattern `*/read` matches (planned), to uai-a, uai-b.');
    expect(text).toContain('  - Granted by role Contributor at resource group rg-ml, assigned directly; pattern `*` matches (planned), to uai-b.');
    expect(text.match(/read the account/g)).toHaveLength(1);
  });

  it('draws a Mermaid flowchart of workspaces, dependencies, identities and missing paths, or points at a picture', () => {
    expect(report).toContain('```mermaid\nflowchart LR');
    expect(report).toContain('n1[["ws-churn #40;workspace#41;"]]');
    expect(report).toMatch(/n\d+\(\["uai-train #40;user-assigned identity#41;"\]\)/);
    expect(report).toMatch(/-\.->\|compute-image-pull missing\| n\d+/);
    expect(report).toContain('linkStyle');
    const small = writeMarkdownReport(analysis, estate, { maxGraphNodes: 3 });
    const nodes = small.slice(small.indexOf('```mermaid'), small.indexOf('```', small.indexOf('```mermaid') + 3)).match(/^ {2}n\d+[[(]/gm);
    expect(nodes).toHaveLength(3);
    expect(small).toMatch(/\d+ more nodes were left out/);
    const withPicture = writeMarkdownReport(analysis, estate, { picture: 'graph of estate (1).svg' });
    expect(withPicture).toContain('![Graph of the estate](graph%20of%20estate%20%281%29.svg)');
    expect(withPicture).not.toContain('```mermaid');
  });

  it('has the access path table with the resolved identity and status of every path', () => {
    const rows = report.slice(report.indexOf('## Access paths')).split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| Status'));
    expect(rows).toHaveLength(analysis.paths.length);
    expect(rows[0]).toMatch(/^\| missing \| /);
    const html = render(report);
    const table = html.slice(html.lastIndexOf('<table>'));
    expect(table.match(/<tr>/g)).toHaveLength(analysis.paths.length + 1);
    for (const row of table.split('<tr>').slice(2)) expect(row.match(/<td/g)).toHaveLength(4);
  });

  it('escapes hostile names so that no HTML, link, image, code span or table cell comes from the estate', () => {
    const hostile = [
      '<script>alert(1)</script>',
      '[click](javascript:alert(1))',
      '![img](https://evil.example/x.png)',
      'pipe|in|name',
      '`code` and ``more``',
      '*bold* _em_ ~~strike~~',
      '<img src=x onerror=alert(1)>',
      '&lt;already&gt;',
      '# heading',
      '$math$',
    ];
    // Resource names cannot hold `/`; group names can hold anything.
    const resourceName = (i: number) => `uai${i}-${(hostile[i] as string).replace(/\//g, '')}`;
    const yaml = baseEstateYaml({
      extra: `user_assigned_identities:
${hostile.map((_, i) => `  - name: ${JSON.stringify(resourceName(i))}\n    resource_group: rg-ml`).join('\n')}
computes:
${hostile.map((_, i) => `  - name: c${i}\n    workspace: ws-ml\n    type: amlcompute\n    identity:\n      type: user_assigned\n      user_assigned_identities: [${JSON.stringify(resourceName(i))}]`).join('\n')}
groups:
${hostile.map((name, i) => `  - name: ${JSON.stringify(`grp${i}-${name}`)}\n    members: [${JSON.stringify(resourceName(i))}]`).join('\n')}
role_assignments:
${hostile.map((name, i) => `  - principal: ${JSON.stringify(`grp${i}-${name}`)}\n    role: Reader\n    scope: rg-ml`).join('\n')}
`,
    }).replace('name: test estate', `name: ${JSON.stringify('evil <script>alert(1)</script> | `x` [a](javascript:b)\n# injected heading')}`);
    const e = estateFromYaml(yaml);
    const a = analyze(e);
    // Evidence that names the hostile groups: what lets each identity read the resource group.
    const context = createAnalysisContext(e);
    const extra = e.userAssignedIdentities.map((u, i) => ({
      ...handFinding(e, `AML-HAND-${i}|${u.id}`, 'info', []),
      evidence: [{ kind: 'decision' as const, label: `read ${u.name}`, decision: context.can(u.id, 'Microsoft.Resources/subscriptions/resourceGroups/read', e.resourceGroups[0]?.armId ?? '') }],
    }));
    const text = writeMarkdownReport({ ...a, findings: [...a.findings, ...extra] }, e, { picture: 'javascript:alert(1)' });
    expect(text).toContain('through group grp0-&lt;script&gt;alert\\(1\\)&lt;/script&gt;');
    const html = render(text);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<img[^>]*onerror/i);
    expect(html).not.toMatch(/href="javascript:/i);
    expect(html).not.toMatch(/src="javascript:/i);
    expect(html).not.toContain('<h1>injected heading');
    expect(html).not.toContain('<h1># injected');
    expect(html).not.toMatch(/<(em|strong|s|del)>(bold|em|strike)</);
    expect(html).toContain('*bold* _em_ ~~strike~~');
    expect(html).toContain('`code` and ``more``');
    expect(html).not.toMatch(/<code>code<\/code>/);
    // The only images and links are the ones the report makes.
    expect([...html.matchAll(/<img src="([^"]*)"/g)].map((m) => m[1])).toEqual(['javascript%3Aalert%281%29']);
    // Links are the findings' sources, or a bare https URL in a name that the viewer autolinks (as GitHub does).
    const sources = new Set(a.findings.flatMap((f) => f.sources));
    for (const link of html.matchAll(/<a href="([^"]*)"/g)) {
      expect(sources.has(link[1] as string) || (link[1] as string).startsWith('https://evil.example/'), link[1]).toBe(true);
    }
    // Names survive as text.
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    // Table rows keep four cells whatever the names hold.
    const table = html.slice(html.lastIndexOf('<table>'));
    for (const row of table.split('<tr>').slice(2)) expect(row.match(/<td/g)).toHaveLength(4);
    // The Mermaid picture (drawn when no picture is given) holds every hostile name as entity codes only.
    const withGraph = writeMarkdownReport(a, e);
    const mermaid = withGraph.slice(withGraph.indexOf('```mermaid'), withGraph.indexOf('```', withGraph.indexOf('```mermaid') + 3));
    expect(mermaid).toContain('uai0-#60;script#62;alert#40;1#41;#60;script#62;');
    for (const line of mermaid.split('\n').slice(2).filter((l) => l !== '')) {
      expect(line).toMatch(/^ {2}(n\d+[[( ]|linkStyle |classDef |class )/);
      const labels = [...line.matchAll(/"([^"]*)"|\|([^|]*)\|/g)].map((m) => m[1] ?? m[2] ?? '');
      for (const label of labels) expect(label).toMatch(/^[A-Za-z0-9 ._@/,:+=#;-]*$/);
    }
  });
});

describe('Markdown escaping helpers', () => {
  it('escapes inline syntax and block starts but keeps dots, dashes and colons readable', () => {
    expect(mdText('ws-churn.prod: ok')).toBe('ws-churn.prod: ok');
    expect(mdText('a*b_c`d[e](f)|g')).toBe('a\\*b\\_c\\`d\\[e\\]\\(f\\)\\|g');
    expect(mdText('- item')).toBe('\\- item');
    expect(mdText('1. item')).toBe('1\\. item');
    expect(mdText('<b>&')).toBe('&lt;b&gt;&amp;');
    expect(mdText('line\nbreak')).toBe('line break');
  });

  it('makes code fences longer than any backtick run in the content', () => {
    expect(mdCodeBlock('a ``` b', 'bash')).toBe('````bash\na ``` b\n````');
    expect(render(mdCodeBlock('```\n<script>', 'bash'))).toContain('&lt;script&gt;');
  });

  it('percent-encodes file links so no scheme or parenthesis survives', () => {
    expect(mdFileLink('javascript:alert(1)')).toBe('javascript%3Aalert%281%29');
    expect(mdFileLink('out/graph.svg')).toBe('out/graph.svg');
  });

  it('writes Mermaid labels with entity codes for anything Mermaid, Markdown or HTML reads', () => {
    expect(mermaidText('a"b<c>|d`e\nf#g;😀')).toBe('a#34;b#60;c#62;#124;d#96;e f#35;g#59;#128512;');
  });
});

describe('writeMarkdownReport: design review', () => {
  const estate = estateFromYaml(starter, 'starter.yaml');
  const analysis = analyze(estate);
  const pull = analysis.findings.find((f) => f.ruleId === 'AML-ACR-004')!;

  it('says nothing is reviewed yet, counts every finding as to fix, and adds no review lines to findings', () => {
    const report = writeMarkdownReport(analysis, estate);
    const section = report.slice(report.indexOf('## Design review'), report.indexOf('## Graph'));
    expect(section).toContain('No finding has been reviewed yet, so every finding counts as to fix.');
    expect(section).toContain('| Severity | To fix | Accepted risk | Fixed |');
    expect(section).toContain(`| Errors | ${analysis.summary.findings.error} | 0 | 0 |`);
    expect(section).not.toContain('### Reviewed findings');
    expect(report).not.toContain('**Review:**');
  });

  it('shows each status, reason and notes beside its finding and in the table, escaped, with stale entries', () => {
    const reviewed = {
      ...estate,
      review: {
        entries: [
          { finding: pull.id, status: 'accepted-risk' as const, reason: 'Test data only <img src=x onerror=alert(1)> | [x](javascript:alert(1))', notes: '# not a heading\nsecond line', updatedAt: '2025-06-01' },
          { finding: 'AML-OLD-001|gone', status: 'fixed' as const, notes: '**bold**' },
        ],
      },
    };
    const report = writeMarkdownReport(analysis, reviewed);
    const section = report.slice(report.indexOf('## Design review'), report.indexOf('## Graph'));
    expect(section).toContain(`| Warnings | ${analysis.summary.findings.warning - 1} | 1 | 0 |`);
    expect(section).toContain(`${analysis.findings.length - 1} findings have no review entry and are counted as to fix.`);
    expect(section).toContain('| AML-ACR-004: Compute cluster cannot pull images from the workspace registry | warning | accepted risk | Test data only &lt;img src=x onerror=alert\\(1\\)&gt; \\| \\[x\\]\\(javascript:alert\\(1\\)\\) | \\# not a heading second line |');
    expect(section).toContain('### Stale review entries');
    expect(section).toContain('| AML-OLD-001\\|gone | fixed |  | \\*\\*bold\\*\\* |');

    const finding = report.slice(report.indexOf('AML-ACR-004: Compute cluster cannot pull images'), report.indexOf('#### 3.'));
    expect(finding).toContain('- **Review:** accepted risk (2025-06-01)\n- **Reason:** Test data only &lt;img');
    const other = report.slice(report.indexOf('#### 3.'), report.indexOf('#### 4.'));
    expect(other).toContain('- **Review:** to fix (not reviewed yet)');

    const html = render(report);
    expect(html).not.toMatch(/<img|href="javascript|<h1>not a heading/);
    expect(html).toContain('Test data only &lt;img src=x onerror=alert(1)&gt;');
  });

  it('tabulates how access paths got their identity, per kind', () => {
    const report = writeMarkdownReport(analysis, estate);
    const explicit = analysis.paths.filter((p) => p.identity.chosen === 'explicit').length;
    expect(report).toContain(`${explicit} paths use an identity a setting chose on purpose; ${analysis.paths.length - explicit} use one a default rule picked.`);
    expect(report).toContain('| `compute-image-pull` | 0 | 1 |');
  });
});
