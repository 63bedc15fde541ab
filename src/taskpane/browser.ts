/**
 * What the pane does with the browser it runs in: the clipboard (the Clipboard
 * API where Office's frame allows it, else the copy command) and downloads.
 * App takes each as a prop, so tests pass their own.
 */
/** HTML and plain text on the clipboard at once: Word and Outlook paste the HTML as headings and tables. */
export async function copyRichToClipboard(html: string, text: string): Promise<boolean> {
  try {
    if (navigator.clipboard?.write && typeof ClipboardItem !== "undefined") {
      await navigator.clipboard.write([new ClipboardItem({ "text/html": new Blob([html], { type: "text/html" }), "text/plain": new Blob([text], { type: "text/plain" }) })]);
      return true;
    }
  } catch {
    // Office's iframe may not allow the Clipboard API: the copy command below.
  }
  let ok = false;
  const onCopy = (event: ClipboardEvent) => {
    if (!event.clipboardData) return;
    event.clipboardData.setData("text/html", html);
    event.clipboardData.setData("text/plain", text);
    event.preventDefault();
    ok = true;
  };
  document.addEventListener("copy", onCopy);
  try {
    document.execCommand("copy");
  } catch {
    ok = false;
  } finally {
    document.removeEventListener("copy", onCopy);
  }
  return ok;
}

/** A download, where the pane runs in a browser that saves files (Excel on the web). */
export async function downloadFile(name: string, bytes: Uint8Array, type: string): Promise<boolean> {
  const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type }));
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  link.style.display = "none";
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return true;
}

/** The Clipboard API where the host allows it, else a selected text area and the copy command. */
export async function copyToClipboard(text: string): Promise<boolean> {
  try {
    if (navigator.clipboard?.writeText) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // Office's iframe may not allow the Clipboard API: fall back below.
  }
  const focused = document.activeElement as HTMLElement | null;
  const area = document.createElement("textarea");
  area.value = text;
  area.setAttribute("readonly", "");
  area.style.position = "fixed";
  area.style.opacity = "0";
  document.body.appendChild(area);
  area.select();
  let ok = false;
  try {
    ok = document.execCommand("copy");
  } catch {
    ok = false;
  }
  area.remove();
  // The keyboard user stays where they were (on the Copy button).
  focused?.focus();
  return ok;
}
