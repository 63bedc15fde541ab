/**
 * The pane follows Office's theme: Fluent's dark theme when Office's body
 * background is dark (Office.context.officeTheme, where the host gives it),
 * else the light one.
 */
import { webDarkTheme, webLightTheme } from "@fluentui/react-components";
import type { Theme } from "@fluentui/react-components";

export function officeTheme(office: Pick<Office.OfficeTheme, "bodyBackgroundColor"> | undefined | null): Theme {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(office?.bodyBackgroundColor ?? "");
  if (!m) return webLightTheme;
  const [r, g, b] = m.slice(1).map((h) => parseInt(h, 16));
  // Perceived brightness (ITU-R BT.601 weights): dark below the middle.
  return 0.299 * r + 0.587 * g + 0.114 * b < 128 ? webDarkTheme : webLightTheme;
}
