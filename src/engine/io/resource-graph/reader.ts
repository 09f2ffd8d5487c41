import { FragmentBuilder } from '../core/fragment';
import { guarded, type ReaderResult } from '../core/reader';
import { mapArmResource } from '../core/azure/resources';
import { isRec, Obj } from '../core/azure/values';
import { isDenyAssignmentObject, readDenyAssignment } from '../core/azure/deny-assignments';
import type { SourceRef } from '../../model/types';
import { ReadContext, type Path } from '../core/context';
import { parseDocuments, type ParseResult } from '../core/source';

/**
 * Reads Azure Resource Graph results (the queries in public/queries, run with `az graph query`) into an estate
 * fragment. Accepted: one page (`{ data: [...], skip_token }`, also with `count` and `total_records`, or the REST
 * `$skipToken` / `totalRecords` spelling), a bare list of rows, a list of pages, several pages as a YAML stream,
 * and the REST table format (`data: { columns, rows }`). Pages in several files merge in `readInputs`.
 */

/** Rows of a table-format result turned into objects, so that locations still point at the row. */
function tableRows(data: Record<string, unknown>): Record<string, unknown>[] | undefined {
  const columns = Array.isArray(data.columns) ? data.columns : undefined;
  const rows = Array.isArray(data.rows) ? data.rows : undefined;
  if (!columns || !rows) return undefined;
  const names = columns.map((c) => (isRec(c) && typeof c.name === 'string' ? c.name : String(c)));
  return rows.map((row) =>
    Array.isArray(row) ? Object.fromEntries(names.map((name, i) => [name, row[i]])) : {},
  );
}

/** Reads Resource Graph results into an estate fragment; never throws. */
export function readResourceGraph(text: string, file: string): ReaderResult {
  return guarded(file, 'Resource Graph results', () =>
    readResourceGraphDocuments(parseDocuments(text, file), file),
  );
}

/** {@link readResourceGraph} for text already parsed (readInputs parses each file once). */
export function readResourceGraphDocuments(parsed: ParseResult, file: string): ReaderResult {
  return guarded(file, 'Resource Graph results', () => {
    if (parsed.diagnostics.some((d) => d.severity === 'error'))
      return { estate: undefined, diagnostics: parsed.diagnostics };
    const b = new FragmentBuilder(file, 'observed');
    const unmodelled = new Map<string, number>();
    let rows = 0;
    let moreAfter: SourceRef | undefined;

    const readRow = (ctx: ReadContext, path: Path, row: unknown) => {
      if (!isRec(row)) {
        ctx.error(path, 'expected a result row (an object with `id` and `type`)');
        return;
      }
      rows++;
      const o = new Obj(b, ctx, path, row);
      if (o.str('type') === undefined) {
        ctx.error(
          path,
          "this row has no `type` column; keep `type` (and `id`, `properties`, `identity`) in the query's projection",
        );
        return;
      }
      if (isDenyAssignmentObject(row)) readDenyAssignment(b, o);
      else if (!mapArmResource(b, o, 'observed')) {
        const type = (o.str('type') ?? '?').toLowerCase();
        unmodelled.set(type, (unmodelled.get(type) ?? 0) + 1);
      }
    };
    const readPage = (ctx: ReadContext, path: Path, page: Record<string, unknown>) => {
      const data = page.data;
      if (Array.isArray(data)) data.forEach((row, i) => readRow(ctx, [...path, 'data', i], row));
      else if (isRec(data) && tableRows(data))
        (tableRows(data) ?? []).forEach((row, i) => readRow(ctx, [...path, 'data', 'rows', i], row));
      else {
        ctx.error([...path, 'data'], 'expected `data` to be the list of result rows');
        return;
      }
      const tokenKey = ['skip_token', 'skipToken', '$skipToken'].find((key) => page[key] !== undefined);
      const token = tokenKey !== undefined ? page[tokenKey] : undefined;
      moreAfter =
        tokenKey !== undefined && typeof token === 'string' && token !== ''
          ? ctx.source([...path, tokenKey], 'key')
          : undefined;
      if (page.resultTruncated === true || page.resultTruncated === 'true')
        ctx.warn(
          [...path, 'resultTruncated'],
          'Resource Graph truncated this result; page with `--first 1000 --skip-token` as docs/inputs.md shows',
        );
    };

    for (const doc of parsed.docs) {
      const ctx = new ReadContext(file, doc);
      b.use(ctx);
      const value = doc.value;
      if (Array.isArray(value)) {
        value.forEach((item, i) => {
          if (isRec(item) && (Array.isArray(item.data) || isRec(item.data))) readPage(ctx, [i], item);
          else readRow(ctx, [i], item);
        });
      } else if (isRec(value) && 'data' in value) readPage(ctx, [], value);
      else
        ctx.error(
          [],
          'expected Resource Graph results: `{ "data": [...] }` as `az graph query` prints it, or a list of rows',
        );
    }
    if (moreAfter)
      b.note({
        severity: 'info',
        ...moreAfter,
        message:
          'the last page here carries a skip token: more rows follow. Make sure every page is among the inputs',
      });
    for (const [type, count] of unmodelled)
      b.skipped.push({ file, kind: type, note: `${count} row(s) of type ${type} (not modelled)` });
    if (rows === 0 && !b.diagnostics().some((d) => d.severity === 'error'))
      b.note({ severity: 'info', file, line: 1, column: 1, message: 'the results hold no rows' });
    return b.result(parsed.diagnostics);
  });
}
