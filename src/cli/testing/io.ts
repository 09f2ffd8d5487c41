import type { CliIo } from '../io';

/** An in-memory {@link CliIo} for tests: files to read, what was written, and the two streams. */
export function memoryIo(files: Record<string, string>, stdin = '') {
  const out: string[] = [];
  const err: string[] = [];
  const written: Record<string, string> = {};
  const io: CliIo = {
    readText: async (path) => {
      const text = files[path] ?? written[path];
      if (text === undefined) throw Object.assign(new Error('missing'), { code: 'ENOENT' });
      return text;
    },
    readStdin: async () => stdin,
    // A folder is any path some file sits under (`infra` for `infra/compute.yml`).
    listFolder: async (path) => {
      if (files[path] !== undefined) return undefined;
      const prefix = `${path.replace(/\/+$/, '')}/`;
      const children = new Map<string, boolean>();
      for (const file of Object.keys(files)) {
        if (!file.startsWith(prefix)) continue;
        const [name, ...rest] = file.slice(prefix.length).split('/');
        if (name) children.set(name, rest.length > 0 || children.get(name) === true);
      }
      return children.size > 0 ? [...children].map(([name, folder]) => ({ name, folder })) : undefined;
    },
    writeText: async (path, text) => {
      written[path] = text;
    },
    writeFiles: async (list) => {
      for (const file of list) written[file.path] = file.text;
    },
    stdout: (t) => out.push(t),
    stderr: (t) => err.push(t),
  };
  return { io, stdout: () => out.join(''), stderr: () => err.join(''), written };
}
