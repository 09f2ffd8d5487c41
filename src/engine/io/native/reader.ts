import { validateEstate } from '../../model/validate';
import { failedReading, thrownText, type ReaderResult } from '../core/reader';
import { parseDocuments, type ParsedDocument, type ParseResult } from '../core/source';
import { readDenyAssignment, readRoleAssignment, readRoleDefinition } from './authorization';
import { describeFound, type Path, type Rec } from '../core/context';
import { readEntry, type EntityDeclaration } from './declaration';
import { NativeReading } from './reading';
import { PRINCIPAL_DECLARATIONS, RESOURCE_DECLARATIONS, SCOPE_DECLARATIONS } from './resources';
import { readReview } from './review';
import { FIELDS, IGNORED_FIELDS, TOP_LEVEL_FIELDS, type Section } from './schema';
import { WORKLOAD_DECLARATIONS } from './workloads';

/**
 * Every entity kind of the format, in the order its section is read: an entry may be placed only under a parent
 * declared before it (a resource group before its resources, a workspace before its computes).
 */
const DECLARATIONS: readonly EntityDeclaration[] = [
  ...SCOPE_DECLARATIONS,
  ...RESOURCE_DECLARATIONS,
  ...WORKLOAD_DECLARATIONS,
  ...PRINCIPAL_DECLARATIONS,
];

class NativeReader extends NativeReading {
  constructor(file: string, doc: ParsedDocument) {
    super(file, doc);
  }

  read(root: unknown): void {
    const top = this.ctx.map(
      root,
      [],
      'a mapping with estate sections (name, workspaces, role_assignments...)',
    );
    if (top === undefined) {
      if (root === undefined || root === null)
        this.ctx.error([], 'the file holds no estate; start with `version: 1` and `name: ...`');
      return;
    }
    this.ctx.checkKeys(top, [], TOP_LEVEL_FIELDS);
    const version = top.version;
    if (version !== undefined && version !== 1 && version !== '1') {
      this.ctx.error(
        ['version'],
        `expected \`version: 1\` (the only version of this format), found ${describeFound(version)}`,
      );
    }
    this.estate.name = this.ctx.str(top, 'name', []) ?? 'Untitled estate';
    const description = this.ctx.text(top, 'description', []);
    if (description !== undefined) this.estate.description = description;
    this.estate.assignmentsOrigin =
      this.ctx.oneOf(top, 'assignments', [], ['planned', 'observed'] as const) ?? 'planned';
    const tenantId = this.ctx.guid(top, 'tenant_id', []);
    if (tenantId !== undefined) this.estate.tenantId = tenantId;

    // Declarations come first, in dependency order, so that every reference below can see every entity.
    for (const declaration of DECLARATIONS)
      this.each(top, declaration.section, (obj, path) => readEntry(this, declaration, obj, path));
    this.each(top, 'role_definitions', (obj, path) => readRoleDefinition(this, obj, path));

    for (const fill of this.later) fill();

    this.each(top, 'role_assignments', (obj, path) => readRoleAssignment(this, obj, path));
    this.each(top, 'deny_assignments', (obj, path) => readDenyAssignment(this, obj, path));
    readReview(this, top);
  }

  /** Reads each entry of a section that is a mapping; reports empty entries and unknown fields. */
  private each(top: Rec, section: Section, read: (obj: Rec, path: Path) => void): void {
    const items = this.ctx.list(top[section], [section], `a list of ${section.replace(/_/g, ' ')}`);
    items.forEach((item, index) => {
      const path: Path = [section, index];
      const obj = this.ctx.map(item, path, `a mapping describing one entry of ${section}`);
      if (obj === undefined) {
        if (item === null || item === undefined)
          this.ctx.error(path, `empty entry in \`${section}\`; remove the lone \`-\``);
        return;
      }
      this.ctx.checkKeys(obj, path, FIELDS[section], IGNORED_FIELDS[section] ?? []);
      read(obj, path);
    });
  }
}

/**
 * Reads a native estate file (YAML or JSON). Every problem is reported at once as a located diagnostic; when any
 * of them is an error the estate is undefined, so a half-read estate never reaches the analysis. Never throws.
 */
export function readNative(text: string, file: string): ReaderResult {
  return readNativeDocuments(parseDocuments(text, file), file);
}

/** {@link readNative} for a file already parsed (readInputs parses each file once, to detect its format). */
export function readNativeDocuments(parsed: ParseResult, file: string): ReaderResult {
  try {
    const diagnostics = [...parsed.diagnostics];
    if (diagnostics.some((d) => d.severity === 'error')) return { estate: undefined, diagnostics };
    const [doc, ...extra] = parsed.docs;
    if (!doc) {
      diagnostics.push({
        severity: 'error',
        file,
        line: 1,
        column: 1,
        message: 'the file is empty; an estate needs at least `version: 1` and `name: ...`',
      });
      return { estate: undefined, diagnostics };
    }
    if (extra.length > 0) {
      const at = extra[0]?.locate([]) ?? { line: 1, column: 1 };
      diagnostics.push({
        severity: 'error',
        file,
        ...at,
        message: `expected one estate per file, found ${parsed.docs.length} YAML documents; merge them or split the file`,
      });
      return { estate: undefined, diagnostics };
    }
    const reader = new NativeReader(file, doc);
    reader.read(doc.value);
    // Reading goes section by section in dependency order; people read a file top to bottom.
    // Parse warnings (a credential in the wrong field) are located too and take their place among the rest.
    const located = [...diagnostics.splice(0), ...reader.ctx.diagnostics].sort(
      (a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0),
    );
    diagnostics.push(...located);
    if (diagnostics.some((d) => d.severity === 'error')) return { estate: undefined, diagnostics };
    // The reader should never produce a structurally broken estate; if it does, refuse it rather than pass it on.
    for (const problem of validateEstate(reader.estate)) {
      if (problem.severity === 'error')
        diagnostics.push({ ...problem, message: `internal check: ${problem.message}` });
    }
    if (diagnostics.some((d) => d.severity === 'error')) return { estate: undefined, diagnostics };
    return { estate: reader.estate, diagnostics };
  } catch (error) {
    return failedReading(
      file,
      `the estate could not be read because of a bug in the reader (${thrownText(error)}); please report it with the file`,
    );
  }
}
