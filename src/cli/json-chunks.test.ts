import { mkdtempSync, readdirSync, readFileSync, rmSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateEstate } from '../../bench/generate';
import { analyze } from '../engine/analysis/analyze';
import { readNativeEstate } from '../engine/io/native';
import { buildTopology } from '../engine/model/topology';
import type { Estate } from '../engine/model/types';
import { findingsJson, findingsJsonChunks, pathsJson, pathsJsonChunks } from './commands/analysis-output';
import { nodeIo, writeChunksToStdout, WriteError, type CliIo } from './io';
import { entriesPerLineChunks } from './json-chunks';

/**
 * The CLI writes `paths --format json` and `check --format json` in pieces (json-chunks.ts), so that an output
 * longer than one string can be still gets written. The pieces must add up to exactly the text the CLI wrote as
 * one string before: the one-entry-per-line layout, kept here as it was written then (the reference the pieces
 * are held to).
 */
function entriesPerLineAsOneString(value: unknown, depth = 2, indent = ''): string {
  if (depth === 0 || value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return `[\n${value.map((item) => inner + entriesPerLineAsOneString(item, depth - 1, inner)).join(',\n')}\n${indent}]`;
  }
  const fields = Object.entries(value).filter(([, field]) => field !== undefined);
  if (fields.length === 0) return '{}';
  return `{\n${fields.map(([key, field]) => `${inner}${JSON.stringify(key)}: ${entriesPerLineAsOneString(field, depth - 1, inner)}`).join(',\n')}\n${indent}}`;
}

const joined = (chunks: Iterable<string>): string => [...chunks].join('');

/** Both CLI documents of one estate, streamed and as one string, with the number of pieces and paths. */
function outputs(estate: Estate) {
  const analysis = analyze(estate);
  const topology = buildTopology(estate);
  const pathsPieces = [...pathsJsonChunks(analysis, topology)];
  return {
    paths: analysis.paths.length,
    findings: analysis.findings.length,
    pathsPieces,
    pathsStreamed: pathsPieces.join(''),
    pathsOneString: `${entriesPerLineAsOneString(pathsJson(analysis, topology))}\n`,
    checkStreamed: joined(findingsJsonChunks(analysis, topology)),
    checkOneString: `${entriesPerLineAsOneString(findingsJson(analysis, topology))}\n`,
  };
}

describe('entriesPerLineChunks', () => {
  it('adds up to the one-string layout, one piece per table entry', () => {
    const document = { version: 2, summary: { error: 1 }, findings: [{ id: 'a', evidence: [{ kind: 'note' }] }, { id: 'b', fix: undefined }], names: {}, gone: undefined };
    const pieces = [...entriesPerLineChunks(document)];
    expect(pieces.join('')).toBe(entriesPerLineAsOneString(document));
    expect(pieces).toContain('    {"id":"a","evidence":[{"kind":"note"}]},\n');
    expect(pieces).toContain('    {"id":"b"}');
  });
});

describe('the CLI JSON written in pieces is the text it wrote as one string', () => {
  const samplesDir = join(process.cwd(), 'public', 'samples');
  const samples = readdirSync(samplesDir).filter((file) => file.endsWith('.yaml'));

  it.each(samples)('%s', (file) => {
    const { estate } = readNativeEstate(readFileSync(join(samplesDir, file), 'utf8'), file);
    if (!estate) throw new Error(`${file} does not read`);
    const written = outputs(estate);
    expect(written.pathsStreamed).toBe(written.pathsOneString);
    expect(written.checkStreamed).toBe(written.checkOneString);
  });

  it('on a generated estate (the bench S tier), one piece per path', () => {
    const written = outputs(generateEstate('S'));
    expect(written.paths).toBeGreaterThan(100);
    expect(written.findings).toBeGreaterThan(10);
    expect(written.pathsStreamed).toBe(written.pathsOneString);
    expect(written.checkStreamed).toBe(written.checkOneString);
    // Each path is one piece of its own, whole: it starts at the path's indentation and parses alone.
    const pathPieces = written.pathsPieces.filter((piece) => piece.startsWith('    {"id":'));
    expect(pathPieces).toHaveLength(written.paths);
    for (const piece of pathPieces) expect(() => JSON.parse(piece.replace(/,\n$/, ''))).not.toThrow();
  });
});

describe('nodeIo.writeChunks to a file', () => {
  const folder = mkdtempSync(join(tmpdir(), 'aml-json-chunks-'));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('writes every piece in order, past the stream buffer, and leaves no temporary', async () => {
    // Far more than one write batch and the file stream's buffer, so that writing waits for it to drain.
    const pieces = Array.from({ length: 20_000 }, (_, at) => `piece ${at} ${'x'.repeat(at % 97)}\n`);
    const target = join(folder, 'out', 'paths.json');
    await nodeIo.writeChunks?.(target, pieces);
    expect(readFileSync(target, 'utf8')).toBe(pieces.join(''));
    expect(readdirSync(join(folder, 'out'))).toEqual(['paths.json']);
  });

  it('reports a file it cannot write and leaves nothing at its path', async () => {
    const target = join(folder, 'taken');
    mkdirSync(target);
    await expect(nodeIo.writeChunks?.(target, ['{}', '\n'])).rejects.toBeInstanceOf(WriteError);
    expect(readdirSync(folder).filter((name) => name.startsWith('taken'))).toEqual(['taken']);
  });

  it('passes on an error of the pieces themselves and removes the temporary', async () => {
    function* failing(): Generator<string> {
      yield 'x'.repeat(70_000);
      throw new Error('a bug in a writer');
    }
    const target = join(folder, 'failing.json');
    await expect(nodeIo.writeChunks?.(target, failing())).rejects.toThrow('a bug in a writer');
    expect(readdirSync(folder).filter((name) => name.startsWith('failing'))).toEqual([]);
  });
});

describe('writeChunksToStdout', () => {
  it('writes the pieces through io.stdout in batches, waiting for standard output between them', async () => {
    const written: string[] = [];
    let waits = 0;
    const io = {
      ...nodeIo,
      stdout: (text: string) => written.push(text),
      stdoutReady: async () => {
        waits++;
      },
    } satisfies CliIo;
    const pieces = Array.from({ length: 5_000 }, (_, at) => `{"path":${at}}\n`);
    await writeChunksToStdout(io, pieces);
    expect(written.join('')).toBe(pieces.join(''));
    // Batches of 64 Ki characters, not a write per piece, and a wait after each.
    expect(written.length).toBe(Math.ceil(pieces.join('').length / 65_536));
    expect(waits).toBe(written.length);
  });
});
