/** Node's inflater and text codec for the zip reader (limits.ts): the inflater stops at the size the zip declares, and throws past it. */
import { TextDecoder, TextEncoder } from "node:util";
import { inflateRawSync } from "node:zlib";
import type { InflateRaw, TextCodec } from "./limits";

export const inflateRawNode: InflateRaw = (data, size) => inflateRawSync(data, { maxOutputLength: Math.max(1, size) });

const decoder = new TextDecoder("utf-8");
const encoder = new TextEncoder();
/** Node's own TextDecoder and TextEncoder (not the global ones, which a test's jsdom takes away). */
export const nodeCodec: TextCodec = { decode: (b) => decoder.decode(b), encode: (t) => encoder.encode(t) };
