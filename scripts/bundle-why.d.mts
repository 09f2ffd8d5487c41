/** See bundle-why.mjs: bytes of a built file per source file its source map names ("(no source)" for glue). */
export declare function bytesBySource(
  code: string,
  map: { sources: string[]; mappings: string },
): Map<string, number>;
/** See bundle-why.mjs: `src/...` for a project file, `package <name>` for a file under node_modules. */
export declare function sourceLabel(source: string): string;
/** See bundle-why.mjs: estimated gzip bytes and minified bytes per source label over some built files, largest first. */
export declare function initialSources(
  dist: string,
  files: string[],
): { label: string; bytes: number; gzip: number }[];
