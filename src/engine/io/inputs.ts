import { ENTITY_COLLECTIONS, type Diagnostic, type Estate } from '../model/types';
import { emptyEstate } from '../model/estate';
import { readNativeEstate } from './native';

/** One input as a shell hands it to the engine: a name for messages and the text. */
export interface InputFile {
  file: string;
  text: string;
}

export interface ReadInputsResult {
  /** Undefined when any input has an error: bad input changes nothing. */
  estate: Estate | undefined;
  diagnostics: Diagnostic[];
}

/**
 * Reads one or more inputs into a single estate. Entities that two files both declare must agree on their
 * id only once: a second declaration of the same id is reported with both locations.
 */
export function readInputs(inputs: readonly InputFile[]): ReadInputsResult {
  if (inputs.length === 0) return { estate: undefined, diagnostics: [{ severity: 'error', message: 'no input files were given' }] };
  const diagnostics: Diagnostic[] = [];
  const estates: Estate[] = [];
  for (const input of inputs) {
    const result = readNativeEstate(input.text, input.file);
    diagnostics.push(...result.diagnostics);
    if (result.estate) estates.push(result.estate);
  }
  if (diagnostics.some((d) => d.severity === 'error') || estates.length !== inputs.length) return { estate: undefined, diagnostics };
  if (estates.length === 1) return { estate: estates[0], diagnostics };
  const merged = mergeEstates(estates, diagnostics);
  return diagnostics.some((d) => d.severity === 'error') ? { estate: undefined, diagnostics } : { estate: merged, diagnostics };
}

/** Concatenates estates, reporting an entity id declared twice; assignments and roles are deduplicated by id. */
export function mergeEstates(estates: readonly Estate[], diagnostics: Diagnostic[]): Estate {
  const first = estates[0] ?? emptyEstate();
  const merged = emptyEstate(
    estates.length === 1 ? first.name : `${first.name} (+${estates.length - 1} more)`,
    estates.some((e) => e.assignmentsOrigin === 'planned') ? 'planned' : 'observed',
  );
  const tenant = estates.find((e) => e.tenantId)?.tenantId;
  if (tenant) merged.tenantId = tenant;
  const seen = new Map<string, { file?: string; line?: number; column?: number }>();
  for (const estate of estates) {
    for (const collection of ENTITY_COLLECTIONS) {
      for (const entity of estate[collection]) {
        const previous = seen.get(entity.id);
        if (previous) {
          diagnostics.push({
            severity: 'error',
            message: `${entity.kind} "${entity.name}" is declared in two inputs`,
            ...(entity.source?.file ? { file: entity.source.file } : {}),
            ...(entity.source?.line ? { line: entity.source.line, column: entity.source.column ?? 1 } : {}),
            related: { file: previous.file ?? '?', ...(previous.line ? { line: previous.line } : {}), ...(previous.column ? { column: previous.column } : {}) },
          });
          continue;
        }
        seen.set(entity.id, { ...(entity.source?.file ? { file: entity.source.file } : {}), ...(entity.source?.line ? { line: entity.source.line } : {}) });
        (merged[collection] as unknown[]).push(entity);
      }
    }
    const assignmentIds = new Set(merged.roleAssignments.map((a) => a.id));
    for (const assignment of estate.roleAssignments) if (!assignmentIds.has(assignment.id)) merged.roleAssignments.push(assignment);
    const roleIds = new Set(merged.roleDefinitions.map((r) => r.id));
    for (const role of estate.roleDefinitions) if (!roleIds.has(role.id)) merged.roleDefinitions.push(role);
    merged.denyAssignments.push(...estate.denyAssignments.filter((d) => !merged.denyAssignments.some((m) => m.id === d.id)));
  }
  return merged;
}
