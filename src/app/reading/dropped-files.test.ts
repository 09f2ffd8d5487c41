import { describe, expect, it } from 'vitest';
import {
  collectChosenFolder,
  collectEntries,
  collectionNotes,
  isEstateFileName,
  type EntryLike,
} from './dropped-files';

/** A fake file entry, shaped like the browser's FileSystemFileEntry. */
function fileEntry(path: string, text = 'x: 1'): EntryLike {
  const name = path.split('/').pop()!;
  return {
    isFile: true,
    isDirectory: false,
    name,
    fullPath: `/${path}`,
    file: (success: (file: File) => void) => success(new File([text], name)),
  } as EntryLike;
}

/** A fake directory entry that answers readEntries in batches of two, as browsers answer in batches. */
function folderEntry(path: string, children: EntryLike[]): EntryLike {
  return {
    isFile: false,
    isDirectory: true,
    name: path.split('/').pop()!,
    fullPath: `/${path}`,
    createReader: () => {
      let offset = 0;
      return {
        readEntries: (success: (entries: EntryLike[]) => void) => {
          const batch = children.slice(offset, offset + 2);
          offset += batch.length;
          success(batch);
        },
      };
    },
  } as EntryLike;
}

describe('collectEntries', () => {
  it('walks nested folders, keeps YAML and JSON named by their path, and counts the rest', async () => {
    const drop = folderEntry('repo', [
      fileEntry('repo/workspace.yml'),
      fileEntry('repo/README.md'),
      folderEntry('repo/compute', [
        fileEntry('repo/compute/cpu.yaml'),
        fileEntry('repo/compute/gpu.YAML'),
        fileEntry('repo/compute/setup.sh'),
      ]),
      fileEntry('repo/roles.json'),
    ]);
    const collected = await collectEntries([drop]);
    expect(collected.files.map((file) => file.name)).toEqual([
      'repo/compute/cpu.yaml',
      'repo/compute/gpu.YAML',
      'repo/roles.json',
      'repo/workspace.yml',
    ]);
    expect(await collected.files[0]!.text()).toBe('x: 1');
    expect(collected.ignored).toBe(2);
    expect(collectionNotes(collected)).toEqual([
      '2 files in the folder are not YAML or JSON and were left out.',
    ]);
  });

  it('keeps a loose file whatever its extension: the user chose it', async () => {
    const collected = await collectEntries([fileEntry('estate.txt')]);
    expect(collected.files.map((file) => file.name)).toEqual(['estate.txt']);
    expect(collectionNotes(collected)).toEqual([]);
  });

  it('stops at the cap and says how many were left out', async () => {
    const collected = await collectEntries(
      [folderEntry('many', [fileEntry('many/a.yml'), fileEntry('many/b.yml'), fileEntry('many/c.yml')])],
      2,
    );
    expect(collected.files).toHaveLength(2);
    expect(collected.overCap).toBe(1);
    expect(collectionNotes(collected).at(-1)).toMatch(/1 more were left out/);
  });

  it('reports an unreadable folder instead of failing the drop', async () => {
    const broken = {
      isFile: false,
      isDirectory: true,
      name: 'locked',
      fullPath: '/locked',
      createReader: () => ({
        readEntries: (_: unknown, failure: (error: unknown) => void) =>
          failure(new Error('permission denied')),
      }),
    } as EntryLike;
    const collected = await collectEntries([broken, fileEntry('ok.yaml')]);
    expect(collected.files.map((file) => file.name)).toEqual(['ok.yaml']);
    expect(collected.problems).toEqual(['The folder locked could not be read: permission denied.']);
  });
});

describe('collectChosenFolder', () => {
  it('keeps YAML and JSON named by their path inside the folder', () => {
    const withPath = (path: string) => {
      const file = new File(['a: 1'], path.split('/').pop()!);
      Object.defineProperty(file, 'webkitRelativePath', { value: path });
      return file;
    };
    const collected = collectChosenFolder([
      withPath('repo/z.yml'),
      withPath('repo/notes.txt'),
      withPath('repo/sub/a.json'),
    ]);
    expect(collected.files.map((file) => file.name)).toEqual(['repo/sub/a.json', 'repo/z.yml']);
    expect(collected.ignored).toBe(1);
  });
});

describe('isEstateFileName', () => {
  it('accepts yaml, yml and json in any case and nothing else', () => {
    expect(['a.yaml', 'b.YML', 'c.json'].every(isEstateFileName)).toBe(true);
    expect(['conda.txt', 'x.yaml.bak', 'Dockerfile'].some(isEstateFileName)).toBe(false);
  });
});
