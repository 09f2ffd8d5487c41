import { describe, expect, it } from 'vitest';
import { initialFiles } from './check-bundle-size.mjs';

describe('initialFiles', () => {
  const manifest = {
    'index.html': {
      file: 'assets/index.js',
      isEntry: true,
      imports: ['_shared.js'],
      dynamicImports: ['src/lazy.ts'],
      css: ['assets/index.css'],
    },
    '_shared.js': { file: 'assets/shared.js', imports: ['_runtime.js'] },
    '_runtime.js': { file: 'assets/runtime.js', imports: ['_shared.js'] },
    'src/lazy.ts': { file: 'assets/lazy.js', imports: ['_shared.js', '_lazy-only.js'] },
    '_lazy-only.js': { file: 'assets/lazy-only.js' },
  };

  it('counts the entry and its static imports, transitively and once each, but no dynamic import', () => {
    expect(initialFiles(manifest)).toEqual({
      js: ['assets/index.js', 'assets/shared.js', 'assets/runtime.js'],
      css: ['assets/index.css'],
    });
  });

  it('refuses a manifest without an entry, rather than measure nothing and pass', () => {
    expect(() => initialFiles({ 'src/lazy.ts': { file: 'assets/lazy.js' } })).toThrow('no entry chunk');
  });

  it('refuses a manifest that names a chunk it does not describe', () => {
    expect(() =>
      initialFiles({ 'index.html': { file: 'assets/index.js', isEntry: true, imports: ['_gone.js'] } }),
    ).toThrow('"_gone.js"');
  });
});
