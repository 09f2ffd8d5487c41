import { mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';

/**
 * Writes a collection folder all at once: every file goes into a fresh sibling folder, which then takes the
 * target's place. An interrupted run leaves the previous collection whole (or nothing), never a half-written
 * file. A target that exists but is not a collection (no manifest.json) is refused, so `-o .` cannot wipe a
 * project.
 */
export async function writeCollectionFolder(target: string, files: ReadonlyMap<string, string>): Promise<void> {
  const folder = resolve(target);
  const existing = await stat(folder).catch(() => undefined);
  if (existing && !existing.isDirectory()) throw new FolderError(`${target} exists and is not a folder`);
  if (existing) {
    const entries = await readdir(folder);
    if (entries.length > 0 && !entries.includes('manifest.json'))
      throw new FolderError(`${target} holds files but no manifest.json: it is not a collection, so it is not replaced; choose an empty or new folder`);
  }
  const suffix = `${process.pid}-${Date.now().toString(36)}`;
  const staging = join(dirname(folder), `.${basename(folder)}.collecting-${suffix}`);
  const previous = join(dirname(folder), `.${basename(folder)}.previous-${suffix}`);
  try {
    for (const [path, text] of files) {
      const file = join(staging, path);
      await mkdir(dirname(file), { recursive: true });
      await writeFile(file, text, 'utf8');
    }
    await mkdir(staging, { recursive: true });
    if (existing) await rename(folder, previous);
    await rename(staging, folder);
  } catch (error) {
    await rm(staging, { recursive: true, force: true }).catch(() => undefined);
    // Put the previous collection back if the swap got half way.
    if (existing && !(await stat(folder).catch(() => undefined))) await rename(previous, folder).catch(() => undefined);
    throw new FolderError(`cannot write ${target} (${(error as NodeJS.ErrnoException).code ?? String(error)}); the previous collection is left as it was`);
  }
  if (existing) await rm(previous, { recursive: true, force: true });
}

/** The output folder cannot be written or replaced; the message says which and why. */
export class FolderError extends Error {}
