/** See find-chromium.mjs: the Chromium executable to drive, or null when there is none. */
export declare function findChromium(): string | null;
