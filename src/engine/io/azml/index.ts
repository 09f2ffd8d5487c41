/**
 * The az ml v2 YAML reader: the files `az ml <thing> create --file` takes, and `az ml <thing> show -o yaml` output.
 * See docs/inputs.md, section "az ml YAML".
 */
export { azureMlReader, readAzureMlYaml, readAzureMlFiles } from './reader';
export type { AzureMlReadResult } from './assemble';
export { isAzureMlYaml, classifyDocument } from './kinds';
