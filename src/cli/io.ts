import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';

/** What commands may do to the outside world; tests pass an in-memory version. */
export interface CliIo {
  readText(path: string): Promise<string>;
  /** All of standard input, as text (`decode -`); optional so that an io without a standard input can say so. */
  readStdin?(): Promise<string>;
  /** The entries of a folder, or undefined when the path is not a folder (a file, or nothing). */
  listFolder(path: string): Promise<{ name: string; folder: boolean }[] | undefined>;
  /** Writes the whole file or nothing: a temporary file is renamed into place. */
  writeText(path: string, text: string): Promise<void>;
  /**
   * Writes a set of files that only make sense together (Bicep's main file and its modules): every file is
   * written to a temporary first, and only when all of them are there are they renamed into place.
   */
  writeFiles(files: readonly { path: string; text: string }[]): Promise<void>;
  /**
   * Writes a file given in pieces, whole or nothing, without ever holding it as one string (it may be longer than
   * a string can be). Optional: without it the pieces are joined and go through `writeText`.
   */
  writeChunks?(path: string, chunks: Iterable<string>): Promise<void>;
  /**
   * Resolves when standard output has taken what it was given (at once when its buffer has room): a writer of
   * many pieces waits for it between pieces, so that they are not all held in memory. Optional: an io that
   * captures the output has nothing to wait for.
   */
  stdoutReady?(): Promise<void>;
  stdout(text: string): void;
  stderr(text: string): void;
}

/** An output file could not be written; nothing was left at its path (and no temporary file beside it). */
export class WriteError extends Error {
  constructor(
    readonly path: string,
    readonly code: string,
  ) {
    super(`cannot write ${path} (${code}); nothing was written`);
  }
}

/** The real file system and standard streams. */
export const nodeIo: CliIo = {
  readText: (path) => readFile(path, 'utf8'),
  async readStdin() {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  },
  async listFolder(path) {
    const found = await stat(path).catch(() => undefined);
    if (!found?.isDirectory()) return undefined;
    const entries = await readdir(path, { withFileTypes: true });
    return entries.map((entry) => ({ name: entry.name, folder: entry.isDirectory() }));
  },
  async writeText(path, text) {
    await writeAll([{ path, text }]);
  },
  writeFiles: (files) => writeAll(files),
  writeChunks: (path, chunks) => streamToFile(path, chunks),
  async stdoutReady() {
    watchStdout();
    if (stdoutClosed || !process.stdout.writableNeedDrain) return;
    // A reader that goes away never drains the stream: its error ends the wait too.
    await new Promise<void>((done) => {
      const settle = () => {
        process.stdout.off('drain', settle);
        process.stdout.off('error', settle);
        done();
      };
      process.stdout.on('drain', settle);
      process.stdout.on('error', settle);
    });
  },
  stdout(text) {
    watchStdout();
    if (!stdoutClosed) process.stdout.write(text);
  },
  stderr: (text) => process.stderr.write(text),
};

/**
 * Set once the reader of standard output has gone (`aml-access-map paths … | head`): later output is dropped, the
 * command runs to its end and exits with its own code, as a Unix filter does, instead of dying on an unhandled EPIPE.
 */
let stdoutClosed = false;
let stdoutWatched = false;

function watchStdout(): void {
  if (stdoutWatched) return;
  stdoutWatched = true;
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    stdoutClosed = true;
  });
}

/** All or nothing: temporaries for every file first; a failure before the renames leaves the folders as they were. */
async function writeAll(files: readonly { path: string; text: string }[]): Promise<void> {
  const staged: { path: string; target: string; temporary: string }[] = [];
  for (const file of files) {
    const target = resolve(file.path);
    const temporary = `${target}.${process.pid}.tmp`;
    staged.push({ path: file.path, target, temporary });
    try {
      await mkdir(dirname(target), { recursive: true });
      await writeFile(temporary, file.text, 'utf8');
    } catch (error) {
      // Half-written temporaries are removed too: nothing of this set is left behind.
      await Promise.all(staged.map((done) => rm(done.temporary, { force: true }).catch(() => undefined)));
      throw new WriteError(file.path, (error as NodeJS.ErrnoException).code ?? String(error));
    }
  }
  for (const file of staged) {
    try {
      await rename(file.temporary, file.target);
    } catch (error) {
      await Promise.all(staged.map((done) => rm(done.temporary, { force: true }).catch(() => undefined)));
      throw new WriteError(file.path, (error as NodeJS.ErrnoException).code ?? String(error));
    }
  }
}

/** Pieces are gathered up to this many characters per write: one system call per piece would dominate. */
const WRITE_BATCH = 1 << 16;

/** The pieces joined into runs of at least {@link WRITE_BATCH} characters (the last one shorter), in order. */
function* batched(chunks: Iterable<string>): Generator<string> {
  let batch = '';
  for (const chunk of chunks) {
    batch += chunk;
    if (batch.length >= WRITE_BATCH) {
      yield batch;
      batch = '';
    }
  }
  if (batch.length > 0) yield batch;
}

/**
 * Writes text given in pieces to standard output through `io.stdout`, waiting for it to drain between batches
 * (`io.stdoutReady`), so that memory holds one batch rather than the whole text.
 */
export async function writeChunksToStdout(io: CliIo, chunks: Iterable<string>): Promise<void> {
  for (const batch of batched(chunks)) {
    io.stdout(batch);
    await io.stdoutReady?.();
  }
}

/**
 * Writes the pieces in order, waiting for the stream to drain whenever it says its buffer is full, so that
 * memory holds one batch rather than the whole text. Rejects with the stream's error.
 */
async function streamInto(stream: Writable, chunks: Iterable<string>): Promise<void> {
  let failure: Error | undefined;
  const recordFailure = (error: Error) => {
    failure ??= error;
  };
  stream.on('error', recordFailure);
  try {
    for (const batch of batched(chunks)) {
      if (failure) throw failure;
      if (!stream.write(batch, 'utf8') && !failure) await once(stream, 'drain');
    }
    if (failure) throw failure;
  } finally {
    stream.off('error', recordFailure);
  }
}

/** {@link streamInto} a temporary beside the file, renamed into place once all of it is written. */
async function streamToFile(path: string, chunks: Iterable<string>): Promise<void> {
  const target = resolve(path);
  const temporary = `${target}.${process.pid}.tmp`;
  try {
    await mkdir(dirname(target), { recursive: true });
    const file = createWriteStream(temporary, { encoding: 'utf8' });
    try {
      await streamInto(file, chunks);
      file.end();
      await finished(file);
    } catch (error) {
      file.destroy();
      throw error;
    }
    await rename(temporary, target);
  } catch (error) {
    await rm(temporary, { force: true }).catch(() => undefined);
    // An error of the pieces themselves (a bug) is not a write failure: it goes on as it is.
    const code = (error as NodeJS.ErrnoException).code;
    if (code === undefined) throw error;
    throw new WriteError(path, code);
  }
}
