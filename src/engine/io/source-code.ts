import type { Diagnostic } from '../model/types';

/**
 * Infrastructure source the tool does not read: Bicep (`.bicep`, `.bicepparam`) and Terraform configuration
 * (`.tf`, `.tfvars`, `.tf.json`). Each gets one located line naming the command that produces what the tool
 * reads, instead of the dozens of YAML errors its text would give. Known by the file name when there is one,
 * else by the first declaration of the text.
 */

/** The kinds of source refused here. */
export type SourceCodeFormat = 'bicep-source' | 'terraform-hcl';

const BICEP =
  'Bicep source is not read: compile it with `az bicep build --file main.bicep` and give the ARM template (main.json) it writes';
const BICEP_PARAMS =
  'a .bicepparam file is not read: give the template compiled with `az bicep build --file main.bicep` (`az bicep build-params --file main.bicepparam` writes the parameters as JSON)';
const TERRAFORM =
  'Terraform configuration (HCL) is not read: give its plan as JSON (`terraform plan -out plan.tfplan`, then `terraform show -json plan.tfplan > plan.json`) or its state (`terraform show -json > state.json`)';

/** A Bicep declaration at the start of a line: `resource x 'type@version' = {`, `param`, `module`, `targetScope`. */
const BICEP_LINE =
  /^[ \t]*(?:resource\s+\w+\s+'[^']+@[^']+'|module\s+\w+\s+'[^']+'|param\s+\w+\s+\w+|targetScope\s*=|using\s+'[^']+')/m;
/** A Terraform block at the start of a line: `resource "azurerm_x" "name" {`, `provider "azurerm" {`, `terraform {`. */
const HCL_LINE =
  /^[ \t]*(?:(?:resource|data)\s+"[\w-]+"\s+"[\w-]+"\s*\{|(?:provider|module|variable|output)\s+"[\w-]+"\s*\{|(?:terraform|locals)\s*\{)/m;

function lineAndColumn(text: string, index: number): { line: number; column: number } {
  const before = text.slice(0, index);
  const line = before.split('\n').length;
  return { line, column: index - before.lastIndexOf('\n') };
}

/** The one refusal of a Bicep or Terraform source file, or undefined for anything else. */
export function sourceCodeRefusal(
  file: string,
  text: string,
): { format: SourceCodeFormat; diagnostic: Diagnostic } | undefined {
  const name = file.toLowerCase();
  const refuse = (format: SourceCodeFormat, message: string, index = -1) => {
    const at =
      index >= 0
        ? lineAndColumn(text, index + (/^[ \t]*/.exec(text.slice(index))?.[0].length ?? 0))
        : { line: 1, column: 1 };
    return { format, diagnostic: { severity: 'error' as const, file, ...at, message } };
  };
  if (name.endsWith('.bicepparam')) return refuse('bicep-source', BICEP_PARAMS, text.search(BICEP_LINE));
  if (name.endsWith('.bicep')) return refuse('bicep-source', BICEP, text.search(BICEP_LINE));
  if (/\.(tf|tfvars|tf\.json|tfvars\.json)$/.test(name))
    return refuse('terraform-hcl', TERRAFORM, text.search(HCL_LINE));
  // Without a telling name, the text decides; JSON and YAML never start a line this way.
  const bicep = text.search(BICEP_LINE);
  if (bicep >= 0) return refuse('bicep-source', BICEP, bicep);
  const hcl = text.search(HCL_LINE);
  if (hcl >= 0) return refuse('terraform-hcl', TERRAFORM, hcl);
  return undefined;
}
