// Types for scripts/check-manifest.js (plain CommonJS, run without a compile step).

/** Checks a manifest's text; returns the problems found (empty when it passes). */
export function checkManifest(xml: string, options?: { dist?: string }): string[];

/** Reads a manifest file and checks it. */
export function checkManifestFile(file: string, options?: { dist?: string }): string[];
