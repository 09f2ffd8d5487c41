import { ReadContext } from '../core/context';
import type { ArmParameterInput } from '../core/reader';
import { parseDocuments, quote } from '../core/source';
import type { Diagnostic } from '../../model/types';
import { isRec } from '../core/azure/values';
import { Symbolic } from './expressions';

/**
 * ARM parameters files (`azuredeploy.parameters.json`, schema deploymentParameters.json) and `name=value`
 * parameters, as `az deployment group create --parameters` takes them. A parameter given as a Key Vault secret
 * `reference` is never looked up: its value stays unknown. A value given for a `secureString`/`secureObject`
 * parameter is not kept either (the tool never holds a secret, and no access question rests on one).
 */

/** The parameter values a template is deployed with, and what reading them reported. */
export interface BoundParameters {
  values: Record<string, unknown>;
  diagnostics: Diagnostic[];
}

/** The template a parameters file pairs with by name: `X.parameters.json` with `X.json`, in the same folder. */
export function templateNameFor(parametersFile: string): string | undefined {
  const match = /^(.*)\.parameters\.json$/i.exec(parametersFile);
  return match?.[1] !== undefined && match[1] !== '' && !match[1].endsWith('/') ? `${match[1]}.json` : undefined;
}

/** The `{ value }` / `{ reference }` entries of a parameters file: under `parameters`, or at the top as az takes them. */
function entriesOf(document: Record<string, unknown>): { entries: Record<string, unknown>; at: string[] } {
  if (isRec(document.parameters)) return { entries: document.parameters, at: ['parameters'] };
  return {
    entries: Object.fromEntries(Object.entries(document).filter(([key]) => key !== '$schema' && key !== 'contentVersion')),
    at: [],
  };
}

/** The declared parameter of that name, matched as ARM matches them (case does not matter). */
function declaredName(declared: Record<string, unknown>, name: string): string | undefined {
  if (name in declared) return name;
  return Object.keys(declared).find((key) => key.toLowerCase() === name.toLowerCase());
}

function isSecure(declaration: unknown): boolean {
  return isRec(declaration) && typeof declaration.type === 'string' && /^secure/i.test(declaration.type);
}

/** A `name=value` value as az reads it: JSON when it parses as JSON, else the text itself. */
function inlineValue(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/**
 * Binds the parameters given for a template, in order (a later value wins, as az applies them), to the parameters
 * it declares. An undeclared name is reported where it is written and ignored; a file that is not a parameters
 * file is a located error.
 */
export function bindArmParameters(
  inputs: readonly ArmParameterInput[],
  declared: Record<string, unknown>,
  template: string,
): BoundParameters {
  const values: Record<string, unknown> = {};
  const diagnostics: Diagnostic[] = [];
  const bind = (name: string, value: unknown, undeclared: () => void) => {
    const key = declaredName(declared, name);
    if (key === undefined) return undeclared();
    values[key] = isSecure(declared[key]) && !(value instanceof Symbolic) ? new Symbolic(`secureParameter('${key}')`) : value;
  };
  for (const input of inputs) {
    if ('name' in input) {
      bind(input.name, inlineValue(input.value), () =>
        diagnostics.push({
          severity: 'warning',
          file: template,
          message: `--parameters ${input.name}=...: ${quote(template)} declares no parameter \`${input.name}\`; it is ignored`,
        }),
      );
      continue;
    }
    const parsed = parseDocuments(input.text, input.file);
    diagnostics.push(...parsed.diagnostics);
    if (parsed.diagnostics.some((d) => d.severity === 'error')) continue;
    const doc = parsed.docs[0];
    const ctx = doc ? new ReadContext(input.file, doc) : undefined;
    if (!doc || !ctx || !isRec(doc.value)) {
      diagnostics.push({
        severity: 'error',
        file: input.file,
        line: 1,
        column: 1,
        message: 'expected an ARM parameters file: an object with `parameters`, each `{ "value": ... }` or `{ "reference": ... }`',
      });
      continue;
    }
    const { entries, at } = entriesOf(doc.value);
    for (const [name, entry] of Object.entries(entries)) {
      const path = [...at, name];
      if (isRec(entry) && 'reference' in entry) {
        // A Key Vault secret: deploying reads it, this tool never does.
        const secret = isRec(entry.reference) && typeof entry.reference.secretName === 'string' ? entry.reference.secretName : name;
        bind(name, new Symbolic(`keyVaultSecret('${secret}')`), () =>
          ctx.warn(path, `${quote(template)} declares no parameter \`${name}\`; it is ignored`, { target: 'key' }),
        );
      } else if (isRec(entry) && 'value' in entry) {
        bind(name, entry.value, () =>
          ctx.warn(path, `${quote(template)} declares no parameter \`${name}\`; it is ignored`, { target: 'key' }),
        );
      } else ctx.warn(path, `expected \`{ "value": ... }\` or \`{ "reference": ... }\` for parameter \`${name}\`; it is ignored`);
    }
    diagnostics.push(...ctx.diagnostics);
  }
  return { values, diagnostics };
}
