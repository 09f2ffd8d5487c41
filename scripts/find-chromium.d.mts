/** See find-chromium.mjs: the Chromium executable to drive, or null when there is none. */
export declare function findChromium(): string | null;
/** See find-chromium.mjs: the flags every headless Chromium of the project runs with. */
export declare const CHROMIUM_ARGS: string[];
