/** Bundles `entry` (an absolute .ts path) into one ES module for bare Node; resolves with its path. */
export function bundleEntry(entry: string): Promise<string>;
