import type { Diagnostic } from '../model/types';
import { isRec } from './core/azure/values';

/**
 * The `manifest.json` that `aml-access-map collect` writes beside the files it collected. It is not an estate:
 * it says what the collection exported (so a missing grant is judged even when a scope holds no assignment)
 * and which scopes it could not read (so nothing is concluded there). `readInputs` takes it out of the inputs
 * before the readers run and hands it to the provenance.
 */

/** The value of the manifest's `kind`, which is how it is recognised. */
export const COLLECTION_MANIFEST_KIND = 'aml-access-map/collection';

/** The kinds of fact a collection exports; they are the provenance's fact kinds. */
export type CollectedFact = 'role-assignments' | 'resources' | 'identities';

/** A scope (or one kind of object in it) that could not be read, and why. */
export interface UnreadableScope {
  /** An ARM id: `/subscriptions/<id>`, a management group, a workspace. */
  scope: string;
  /** What could not be read there (`role assignments`, `computes`, `everything`). */
  what: string;
  /** Why, in words: `403 Forbidden`, `malformed response`. */
  reason: string;
}

/** One HTTP call of the collection as the manifest records it (URLs carry no token; tokens travel in headers). */
export interface CollectedCall {
  method: string;
  url: string;
  /** `ok`, `forbidden`, `not-found`, `failed` (after retries), `malformed`. */
  outcome: 'ok' | 'forbidden' | 'not-found' | 'failed' | 'malformed';
  status?: number;
  attempts: number;
  items?: number;
  note?: string;
}

/** The manifest as written by `collect` (version 1). */
export interface CollectionManifest {
  kind: typeof COLLECTION_MANIFEST_KIND;
  version: 1;
  tool: { name: string; version: string };
  tenantId?: string;
  collectedAt: string;
  scopes: { asked: string[]; reached: string[]; unreadable: UnreadableScope[] };
  /** The facts the collection exported in full for the reached scopes. */
  exported: CollectedFact[];
  files: string[];
  calls: CollectedCall[];
}

/** True for the parsed value of a collection manifest (by its `kind`, never by its file name). */
export function isCollectionManifest(value: unknown): boolean {
  return isRec(value) && value.kind === COLLECTION_MANIFEST_KIND;
}

/** What the provenance takes from the manifests of an import. */
export interface ManifestFacts {
  /** The manifest files, for the provenance's file list. */
  files: string[];
  exported: Set<CollectedFact>;
  unreadable: UnreadableScope[];
}

const FACTS: readonly CollectedFact[] = ['role-assignments', 'resources', 'identities'];

/**
 * Reads a collection manifest's text; a manifest whose fields are not as documented is an error located at
 * the file, so an import never takes a malformed manifest's word that grants were exported.
 */
export function readCollectionManifest(text: string, file: string): { facts?: ManifestFacts; diagnostics: Diagnostic[] } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { diagnostics: [{ severity: 'error', file, line: 1, column: 1, message: `the collection manifest is not valid JSON (${(error as Error).message})` }] };
  }
  const problem = (message: string) => ({ diagnostics: [{ severity: 'error' as const, file, line: 1, column: 1, message }] });
  if (!isRec(value) || value.kind !== COLLECTION_MANIFEST_KIND) return problem(`expected \`kind: "${COLLECTION_MANIFEST_KIND}"\``);
  if (value.version !== 1) return problem(`unsupported collection manifest version ${JSON.stringify(value.version)}; this tool reads version 1`);
  const exported = Array.isArray(value.exported) ? value.exported : undefined;
  const scopes = isRec(value.scopes) ? value.scopes : undefined;
  const unreadable = scopes && Array.isArray(scopes.unreadable) ? scopes.unreadable : undefined;
  if (!exported || !exported.every((f) => FACTS.includes(f as CollectedFact)))
    return problem(`\`exported\` must list facts among ${FACTS.join(', ')}`);
  if (!unreadable || !unreadable.every((u) => isRec(u) && typeof u.scope === 'string' && typeof u.what === 'string' && typeof u.reason === 'string'))
    return problem('`scopes.unreadable` must be a list of { scope, what, reason }');
  const list = unreadable as UnreadableScope[];
  const diagnostics: Diagnostic[] = list.map((u) => ({
    severity: 'warning',
    file,
    message: `the collection could not read ${u.what} at ${u.scope} (${u.reason}); nothing is concluded about what it would have held`,
  }));
  return { facts: { files: [file], exported: new Set(exported as CollectedFact[]), unreadable: list.map((u) => ({ scope: u.scope, what: u.what, reason: u.reason })) }, diagnostics };
}

/** The facts of several manifests (an import of two collections): what any exported, everything unreadable. */
export function joinManifestFacts(all: readonly ManifestFacts[]): ManifestFacts | undefined {
  if (all.length === 0) return undefined;
  return {
    files: all.flatMap((m) => m.files),
    exported: new Set(all.flatMap((m) => [...m.exported])),
    unreadable: all.flatMap((m) => m.unreadable),
  };
}
