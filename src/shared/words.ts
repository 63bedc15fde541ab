/** Wording that more than one host uses when it speaks to the user. */

/** "F12", "F12 and F13", "F12, F13 and F14", "F12, F13, F14 and 7 more". */
export function cellList(cells: readonly string[], max = 6): string {
  if (cells.length === 0) return "";
  if (cells.length === 1) return cells[0];
  if (cells.length > max) return `${cells.slice(0, max).join(", ")} and ${cells.length - max} more`;
  return `${cells.slice(0, -1).join(", ")} and ${cells[cells.length - 1]}`;
}
