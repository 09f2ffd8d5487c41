// Paths between the files of one import (a pipeline's `component: ./train.yml`), folded the way a file system
// would, with no file system: the engine runs in the browser too.

/** The folder part of a path, with forward slashes. */
export function dirname(file: string): string {
  const normal = file.replace(/\\/g, '/');
  const at = normal.lastIndexOf('/');
  return at >= 0 ? normal.slice(0, at) : '';
}

/** Joins a relative reference to a folder and folds `.` and `..`, as a file system would. */
export function resolvePath(folder: string, reference: string): string {
  const absolute = reference.startsWith('/');
  const parts = (absolute || folder === '' ? reference : `${folder}/${reference}`)
    .replace(/\\/g, '/')
    .split('/');
  const out: string[] = [];
  for (const part of parts) {
    if (part === '.' || (part === '' && out.length > 0)) continue;
    if (part === '..' && out.length > 0 && out[out.length - 1] !== '..' && out[out.length - 1] !== '')
      out.pop();
    else out.push(part);
  }
  return out.join('/');
}

/** A file's name without its folder and extension, for naming what the file does not name. */
export function stem(file: string): string {
  const base = file.replace(/\\/g, '/').split('/').pop() ?? file;
  return base.replace(/\.[^.]+$/, '') || base;
}
