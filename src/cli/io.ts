import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';

/** What commands may do to the outside world; tests pass an in-memory version. */
export interface CliIo {
  readText(path: string): Promise<string>;
  /** Writes the whole file or nothing: a temporary file is renamed into place. */
  writeText(path: string, text: string): Promise<void>;
  stdout(text: string): void;
  stderr(text: string): void;
}

/** The real file system and standard streams. */
export const nodeIo: CliIo = {
  readText: (path) => readFile(path, 'utf8'),
  async writeText(path, text) {
    const target = resolve(path);
    await mkdir(dirname(target), { recursive: true });
    const temporary = `${target}.${process.pid}.tmp`;
    await writeFile(temporary, text, 'utf8');
    await rename(temporary, target);
  },
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};
