/** Node's inflater for the zip reader (limits.ts): stops at the size the zip declares, and throws past it. */
import { inflateRawSync } from "node:zlib";
import type { InflateRaw } from "./limits";

export const inflateRawNode: InflateRaw = (data, size) => inflateRawSync(data, { maxOutputLength: Math.max(1, size) });
