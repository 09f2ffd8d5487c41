import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';

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
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};

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
