/*
 * Folders as well as files: a repository's az ml YAML lives in nested folders, and asking for each file by
 * hand is what users will not do. A drop hands over directory entries (the File and Directory Entries API);
 * a folder picker (`<input webkitdirectory>`) hands over files with their path inside the folder. Both end
 * up as a flat list of files named by that path, so a diagnostic says `deploy/compute/cpu.yml:4:3`.
 */

/** Extensions read from inside a folder; other files there (notebooks, scripts, conda specs) are not estates. */
const ESTATE_EXTENSIONS = ['.yaml', '.yml', '.json'] as const;

/** At most this many files are taken from dropped or chosen folders: a drop of a whole disk must not hang the tab. */
export const MAX_FOLDER_FILES = 2000;

/** The parts of a `FileSystemEntry` the walk uses, so tests can hand in plain objects. */
export interface EntryLike {
  isFile: boolean;
  isDirectory: boolean;
  name: string;
  fullPath: string;
}
export interface FileEntryLike extends EntryLike {
  file(success: (file: File) => void, failure?: (error: unknown) => void): void;
}
export interface DirectoryEntryLike extends EntryLike {
  createReader(): {
    readEntries(success: (entries: EntryLike[]) => void, failure?: (error: unknown) => void): void;
  };
}

export interface CollectedFiles {
  files: File[];
  /** Files inside folders left out because they are not YAML or JSON, counted rather than listed. */
  ignored: number;
  /** Files left out because the cap was reached. */
  overCap: number;
  /** Folders or files that could not be read, with why. */
  problems: string[];
}

/** True for a file name a folder walk keeps. */
export function isEstateFileName(name: string): boolean {
  const lower = name.toLowerCase();
  return ESTATE_EXTENSIONS.some((extension) => lower.endsWith(extension));
}

function named(file: File, path: string): File {
  return path === file.name
    ? file
    : new File([file], path, { type: file.type, lastModified: file.lastModified });
}

function readAllEntries(directory: DirectoryEntryLike): Promise<EntryLike[]> {
  const reader = directory.createReader();
  const all: EntryLike[] = [];
  // readEntries answers in batches (about a hundred in Chromium) until it answers an empty one.
  return new Promise((resolve, reject) => {
    const next = () =>
      reader.readEntries((batch) => {
        if (batch.length === 0) resolve(all);
        else {
          all.push(...batch);
          next();
        }
      }, reject);
    next();
  });
}

function fileOf(entry: FileEntryLike): Promise<File> {
  return new Promise((resolve, reject) => entry.file(resolve, reject));
}

function describeError(error: unknown): string {
  return error instanceof Error
    ? error.message
    : typeof error === 'object' && error !== null && 'name' in error
      ? String(error.name)
      : String(error);
}

/**
 * Walks dropped entries: files as they are (the user picked them), folders recursively keeping only YAML
 * and JSON, in name order, up to {@link MAX_FOLDER_FILES}. Files from folders are named by their path
 * inside the drop (`infra/compute/cpu.yml`). Never rejects: an unreadable folder is a problem in the result.
 */
export async function collectEntries(
  entries: readonly EntryLike[],
  cap = MAX_FOLDER_FILES,
): Promise<CollectedFiles> {
  const result: CollectedFiles = { files: [], ignored: 0, overCap: 0, problems: [] };
  const visit = async (entry: EntryLike, inFolder: boolean): Promise<void> => {
    const path = entry.fullPath.replace(/^\/+/, '') || entry.name;
    if (entry.isDirectory) {
      let children: EntryLike[];
      try {
        children = await readAllEntries(entry as DirectoryEntryLike);
      } catch (error) {
        result.problems.push(`The folder ${path} could not be read: ${describeError(error)}.`);
        return;
      }
      children.sort((a, b) => a.name.localeCompare(b.name));
      for (const child of children) await visit(child, true);
      return;
    }
    if (!entry.isFile) return;
    if (inFolder && !isEstateFileName(entry.name)) {
      result.ignored += 1;
      return;
    }
    if (result.files.length >= cap) {
      result.overCap += 1;
      return;
    }
    try {
      result.files.push(named(await fileOf(entry as FileEntryLike), inFolder ? path : entry.name));
    } catch (error) {
      result.problems.push(`The file ${path} could not be read: ${describeError(error)}.`);
    }
  };
  for (const entry of entries) await visit(entry, false);
  return result;
}

/**
 * What a drop carries, folders walked. The entries must be taken while the drop event is being handled (the
 * browser empties the DataTransfer afterwards), so this reads them at once and walks them afterwards.
 */
export async function collectDrop(transfer: DataTransfer): Promise<CollectedFiles> {
  const folders: EntryLike[] = [];
  const loose: File[] = [];
  for (const item of Array.from(transfer.items ?? [])) {
    if (item.kind !== 'file') continue;
    const entry = typeof item.webkitGetAsEntry === 'function' ? item.webkitGetAsEntry() : null;
    if (entry?.isDirectory) folders.push(entry);
    else {
      const file = item.getAsFile();
      if (file) loose.push(file);
    }
  }
  // Without the items list (an older browser), the files are all there is.
  if (folders.length === 0 && loose.length === 0)
    return { files: Array.from(transfer.files ?? []), ignored: 0, overCap: 0, problems: [] };
  const walked = await collectEntries(folders);
  return { ...walked, files: [...loose, ...walked.files] };
}

/**
 * Files chosen with a folder picker: each carries its path inside the chosen folder. Keeps YAML and JSON,
 * named by that path, in path order, up to the cap.
 */
export function collectChosenFolder(files: readonly File[], cap = MAX_FOLDER_FILES): CollectedFiles {
  const result: CollectedFiles = { files: [], ignored: 0, overCap: 0, problems: [] };
  const sorted = [...files].sort((a, b) =>
    (a.webkitRelativePath || a.name).localeCompare(b.webkitRelativePath || b.name),
  );
  for (const file of sorted) {
    if (!isEstateFileName(file.name)) result.ignored += 1;
    else if (result.files.length >= cap) result.overCap += 1;
    else result.files.push(named(file, file.webkitRelativePath || file.name));
  }
  return result;
}

/** Sentences for what a folder walk left out, for the load report (empty when nothing was). */
export function collectionNotes(collected: CollectedFiles): string[] {
  const notes = [...collected.problems];
  if (collected.ignored > 0)
    notes.push(
      `${collected.ignored} file${collected.ignored === 1 ? '' : 's'} in the folder ${collected.ignored === 1 ? 'is' : 'are'} not YAML or JSON and ${collected.ignored === 1 ? 'was' : 'were'} left out.`,
    );
  if (collected.overCap > 0)
    notes.push(
      `Only the first ${MAX_FOLDER_FILES} YAML and JSON files were read; ${collected.overCap} more were left out.`,
    );
  return notes;
}
