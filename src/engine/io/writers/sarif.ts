import type { Analysis } from '../../analysis/analyze';
import type { EntityId } from '../../model/ids';
import { entityMap } from '../../model/estate';
import type { Entity, Estate } from '../../model/types';
import { emittableSeverities } from '../../rules/severity';
import { SOURCES } from '../../context/sources';
import type { Finding, Rule, Severity } from '../../rules/types';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = {
  error: 'error',
  warning: 'warning',
  info: 'note',
};

/** The tool's identity in reports. */
export const TOOL = {
  name: 'aml-access-map',
  fullName: 'Azure ML Access Map',
  informationUri: 'https://github.com/azureml-access-map/azureml-access-map',
  version: '0.1.0',
} as const;

/**
 * Writes findings as a SARIF 2.1.0 log so code-scanning tools can show them next to the estate files.
 * Each result points at the file and line that declared its first subject, and names the ARM ids of its
 * subjects as logical locations. Findings the estate's design review marks as an accepted risk carry an
 * external suppression whose justification is the reviewer's reason.
 */
export function writeSarif(analysis: Analysis, estate: Estate, rules: readonly Rule[]): string {
  const byId = entityMap(estate);
  const ruleIndex = new Map(rules.map((rule, index) => [rule.id, index]));
  const accepted = new Map(
    (estate.review?.entries ?? []).filter((entry) => entry.status === 'accepted-risk').map((entry) => [entry.finding, entry.reason ?? '']),
  );
  const results = analysis.findings.map((finding) => {
    const result = sarifResult(finding, byId, ruleIndex);
    const reason = accepted.get(finding.id);
    // A risk the design review accepted is a suppression decided outside the scanned file, with its reason.
    return reason === undefined ? result : { ...result, suppressions: [{ kind: 'external', status: 'accepted', justification: reason }] };
  });
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: TOOL.name,
            fullName: TOOL.fullName,
            informationUri: TOOL.informationUri,
            version: TOOL.version,
            rules: rules.map((rule) => ({
              id: rule.id,
              name: pascalName(rule.title),
              shortDescription: { text: rule.title },
              fullDescription: { text: rule.description },
              helpUri: rule.sources[0] ? sourceUrlOf(rule, 0) : TOOL.informationUri,
              help: {
                text: `${rule.description} Sources: ${rule.sources.map((_, i) => sourceUrlOf(rule, i)).join(' ')}`,
              },
              defaultConfiguration: {
                level: LEVEL[emittableSeverities(rule)[0] ?? rule.severity],
              },
              properties: {
                area: rule.area,
                confidence: rule.confidence,
                facts: rule.facts,
                tags: ['azure-ml', 'rbac', rule.area],
              },
            })),
          },
        },
        results,
        columnKind: 'unicodeCodePoints',
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

/**
 * A file name as SARIF wants it: a valid URI reference (RFC 3986). Relative names stay relative, with each
 * segment percent-encoded; absolute POSIX and Windows paths become `file:` URIs. The validator rejects a bare
 * `/tmp/estate.yaml` (SARIF1004).
 */
export function uriReference(file: string): string {
  if (/^[A-Za-z][A-Za-z0-9+.-]+:\/\//.test(file)) return file;
  const slashed = file.replace(/\\/g, '/');
  const encode = (path: string) =>
    path
      .split('/')
      .map((segment) => encodeURIComponent(segment))
      .join('/');
  const drive = /^([A-Za-z]):\/(.*)$/.exec(slashed);
  if (drive) return `file:///${drive[1] as string}:/${encode(drive[2] as string)}`;
  if (slashed.startsWith('/')) return `file://${encode(slashed)}`;
  return encode(slashed);
}

function sourceUrlOf(rule: Rule, index: number): string {
  const id = rule.sources[index];
  return id ? SOURCES[id].url : TOOL.informationUri;
}

function pascalName(title: string): string {
  return title
    .replace(/[^A-Za-z0-9 ]+/g, ' ')
    .split(' ')
    .filter((w) => w !== '')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('');
}

function sarifResult(
  finding: Finding,
  byId: ReadonlyMap<EntityId, Entity>,
  ruleIndex: ReadonlyMap<string, number>,
) {
  const subject = finding.subjects.map((id) => byId.get(id)).find((entity) => entity?.source?.file);
  const locations = subject?.source
    ? [
        {
          physicalLocation: {
            artifactLocation: { uri: uriReference(subject.source.file) },
            region: { startLine: subject.source.line ?? 1, startColumn: subject.source.column ?? 1 },
          },
          logicalLocations: finding.subjects.map((id) => ({
            fullyQualifiedName: String(id),
            kind: 'resource',
          })),
        },
      ]
    : [
        {
          logicalLocations: finding.subjects.map((id) => ({
            fullyQualifiedName: String(id),
            kind: 'resource',
          })),
        },
      ];
  return {
    ruleId: finding.ruleId,
    ruleIndex: ruleIndex.get(finding.ruleId) ?? -1,
    level: LEVEL[finding.severity],
    message: {
      text: `${finding.message} ${finding.consequence}${finding.fix ? ` Fix: ${finding.fix.summary}` : ''}`,
    },
    locations,
    partialFingerprints: { findingId: finding.id },
    properties: {
      confidence: finding.confidence,
      area: finding.area,
      ...(finding.fix ? { az: finding.fix.az.join('\n') } : {}),
    },
  };
}
