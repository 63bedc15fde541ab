/**
 * Writing a file as Excel saves one: never over the old file until the new one
 * is whole. The bytes go to a temporary file in the target's own folder (so the
 * rename stays on one disk), which is flushed to the disk and then renamed over
 * the target in one step. A failure (a full disk, a file-size limit, a folder
 * made read-only meanwhile) removes the temporary file and leaves the old file
 * byte for byte as it was. Two runs writing one target each write their own
 * temporary file: the last rename wins, whole; neither leaves a mix.
 */
import { randomBytes } from "node:crypto";
import { promises as fs } from "node:fs";
import path from "node:path";

/** Writes the new file's content to the temporary path given. */
export type Writer = (temporary: string) => Promise<void>;

/** The file operations used, so that a test can make one fail. */
export interface AtomicFs {
  rename(from: string, to: string): Promise<void>;
  unlink(file: string): Promise<void>;
}

/** The target as written: through a link to the file it points at, as a plain write would. */
async function realTarget(target: string): Promise<string> {
  try {
    return await fs.realpath(target);
  } catch {
    return path.resolve(target);
  }
}

/** The temporary file's name, hidden, beside the target: ".paper.docx.1234.9f3a2b1c.tmp". */
export function temporaryName(target: string): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
}

/** Write through `writer` into a temporary file, flush it, and rename it over `target`. */
export async function writeAtomically(target: string, writer: Writer, ops: AtomicFs = fs): Promise<void> {
  const real = await realTarget(target);
  const temporary = temporaryName(real);
  const mode = await fs
    .stat(real)
    .then((s) => s.mode & 0o777)
    .catch(() => null);
  try {
    await writer(temporary);
    // On the disk before the rename, so that a crash cannot leave a renamed but empty file.
    const handle = await fs.open(temporary, "r+");
    try {
      if (mode !== null) await handle.chmod(mode);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await ops.rename(temporary, real);
  } catch (err) {
    await ops.unlink(temporary).catch(() => undefined);
    throw err;
  }
}

/** Bytes written atomically (a new file, exclusive: never an existing temporary file of another run). */
export async function writeFileAtomically(target: string, bytes: Uint8Array, ops: AtomicFs = fs): Promise<void> {
  await writeAtomically(target, (temporary) => fs.writeFile(temporary, bytes, { flag: "wx" }), ops);
}

/** Why a write failed, in words, from its error code. */
export function writeFailure(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  switch (e?.code) {
    case "ENOENT":
      return "the folder does not exist";
    case "ENOSPC":
    case "EDQUOT":
      return "there is no space left on the disk";
    case "EFBIG":
      return "the file would be larger than this system lets a file be";
    case "EACCES":
    case "EPERM":
      return "permission denied";
    case "EROFS":
      return "the disk is read-only";
    case "EISDIR":
      return "it is a folder";
    case "EXDEV":
      return "the folder is on another disk than the file";
    default:
      return e?.code ?? String(e?.message ?? err).split("\n")[0].slice(0, 120);
  }
}
