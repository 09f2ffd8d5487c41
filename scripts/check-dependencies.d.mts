/** See check-dependencies.mjs: the house rules of .dependency-cruiser.mjs over `roots`, one line per violation. */
export declare function checkDependencies(
  roots: string[],
  options?: { cwd?: string; config?: string; knownViolations?: string },
): Promise<{ violations: string[]; modules: number; known: number }>;
