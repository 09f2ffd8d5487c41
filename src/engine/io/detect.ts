import { classifyAzObject } from './azcli/reader';
import { isRestListPage } from './core/azure/deny-assignments';
import { isAzureMlYaml } from './azml';
import { isRec } from './core/azure/values';
import { SECTIONS } from './native/schema';
import { isPowerShellObject } from './powershell';
import type { SourceCodeFormat } from './source-code';
import { isTerraformJson } from './terraform';
import { isCollectionManifest } from './collection-manifest';
import type { ParsedDocument } from './core/source';

/**
 * Which reader a file goes to. Detection looks at content, never at the file name: people rename exports,
 * and a pasted text has no name. Each format has a marker no other one shares.
 */

export type InputFormat =
  | 'native'
  | 'azml-yaml'
  | 'azcli-json'
  | 'resource-graph'
  | 'arm-template'
  | 'arm-parameters'
  | 'terraform-json'
  | 'powershell'
  | 'collection-manifest'
  | SourceCodeFormat
  | 'unknown';

/** A format and why it was chosen, for messages. */
export interface Detection {
  format: InputFormat;
  reason: string;
}

const NATIVE_MARKERS = new Set<string>(['version', 'assignments', ...SECTIONS]);

function isResourceGraphPage(value: unknown): boolean {
  if (!isRec(value) || !Array.isArray(value.data)) return false;
  return (
    [
      'skip_token',
      'skipToken',
      '$skipToken',
      'count',
      'total_records',
      'totalRecords',
      'resultTruncated',
    ].some((key) => key in value) || Object.keys(value).length === 1
  );
}

/** A Resource Graph row: an ARM resource with the columns the `resources` tables add. */
function isResourceGraphRow(value: unknown): boolean {
  if (!isRec(value)) return false;
  const type = typeof value.type === 'string' ? value.type : '';
  return (
    type.includes('/') &&
    type === type.toLowerCase() &&
    ('subscriptionId' in value || 'tenantId' in value) &&
    ('properties' in value || 'resourceGroup' in value)
  );
}

/** True for a JSON or YAML object whose `$schema` names an az ml schema. */
function hasAzureMlSchema(value: unknown): boolean {
  if (!isRec(value)) return false;
  const schema = typeof value.$schema === 'string' ? value.$schema : '';
  return /azuremlschemas|azureml\/.*schema/i.test(schema);
}

/** Decides the format of a parsed file from its first document. */
export function detectFormat(docs: readonly ParsedDocument[], text = ''): Detection {
  const first = docs[0]?.value;
  if (first === undefined || first === null) return { format: 'unknown', reason: 'the file holds no data' };
  if (isRec(first)) {
    if (isCollectionManifest(first)) return { format: 'collection-manifest', reason: 'the manifest `aml-access-map collect` writes' };
    const schema = typeof first.$schema === 'string' ? first.$schema : '';
    if (
      /deploymentTemplate\.json/i.test(schema) ||
      ('resources' in first && 'contentVersion' in first && !('version' in first))
    )
      return { format: 'arm-template', reason: '`$schema` names a deployment template' };
    if (isTerraformJson(first))
      return { format: 'terraform-json', reason: '`format_version` and Terraform values' };
    if (isPowerShellObject(first))
      return { format: 'powershell', reason: 'an object Azure PowerShell prints' };
    if (/deploymentParameters\.json/i.test(schema))
      return { format: 'arm-parameters', reason: '`$schema` names a parameters file' };
    if (isAzureMlYaml(text) || hasAzureMlSchema(first))
      return { format: 'azml-yaml', reason: '`$schema` names an az ml schema' };
    if (isResourceGraphPage(first)) return { format: 'resource-graph', reason: 'a `data` list of rows' };
    if (isRestListPage(first))
      return { format: 'azcli-json', reason: 'a `value` list as `az rest` prints it' };
    if (Object.keys(first).some((key) => NATIVE_MARKERS.has(key)) && classifyAzObject(first) === undefined)
      return { format: 'native', reason: 'estate sections at the top level' };
    if (classifyAzObject(first) !== undefined) return { format: 'azcli-json', reason: 'an object az prints' };
    // A hand-written YAML file that fits nothing else is most likely an estate with a typo; the native reader
    // says best what is wrong with it.
    if (!/^\s*[[{]/.test(text)) return { format: 'native', reason: 'YAML that fits no other format' };
    return {
      format: 'unknown',
      reason: `an object with keys ${
        Object.keys(first)
          .slice(0, 6)
          .map((k) => `\`${k}\``)
          .join(', ') || 'none'
      }`,
    };
  }
  if (Array.isArray(first)) {
    if (first.length === 0) return { format: 'azcli-json', reason: 'an empty list' };
    if (first.every(isResourceGraphPage))
      return { format: 'resource-graph', reason: 'a list of result pages' };
    if (isPowerShellObject(first[0]))
      return { format: 'powershell', reason: 'a list Azure PowerShell prints' };
    if (isResourceGraphRow(first[0])) return { format: 'resource-graph', reason: 'Resource Graph rows' };
    if (isRec(first[0]) && classifyAzObject(first[0]) !== undefined)
      return { format: 'azcli-json', reason: 'a list az prints' };
    return { format: 'unknown', reason: 'a list of objects no reader recognises' };
  }
  return { format: 'unknown', reason: `a single ${typeof first} value` };
}
