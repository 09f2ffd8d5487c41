/**
 * The az ml v2 YAML reader: the files `az ml <thing> create --file` takes, and `az ml <thing> show -o yaml` output.
 * See docs/inputs.md, section "az ml YAML".
 */
export {
  azureMlReader,
  readAzureMlYaml,
  readAzureMlFiles,
  type AzureMlInput,
  type AzureMlReadOptions,
} from './reader';
export type { AzureMlReadResult } from './assemble';
export type { SkippedDocument } from './documents';
export { isAzureMlYaml, classifyDocument } from './kinds';
export {
  PLACEHOLDER_ENDPOINT,
  PLACEHOLDER_RESOURCE_GROUP,
  PLACEHOLDER_SUBSCRIPTION,
  PLACEHOLDER_WORKSPACE,
  type AzureMlDefaults,
} from './options';
