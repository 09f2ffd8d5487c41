/** See check-bundle-size.mjs: the budget, in kB (1,000 bytes) of gzip. */
export declare const BUDGET_KB: number;
/** See check-bundle-size.mjs: the entry chunks of a Vite manifest and everything they import statically. */
export declare function initialFiles(
  manifest: Record<
    string,
    { file: string; isEntry?: boolean; imports?: string[]; dynamicImports?: string[]; css?: string[] }
  >,
): { js: string[]; css: string[] };
