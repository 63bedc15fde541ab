/**
 * RAG shown only as a cell's fill colour: classify the colour by hue and
 * saturation, not by matching one exact code (every tracker's red differs).
 */
import type { Rag } from "./vocabulary";

export interface Hsl {
  h: number;
  s: number;
  l: number;
}

export function parseHex(hex: string): { r: number; g: number; b: number } | null {
  const m = /^#?(?:[0-9a-f]{2})?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex.trim());
  if (!m) return null;
  return { r: parseInt(m[1], 16), g: parseInt(m[2], 16), b: parseInt(m[3], 16) };
}

export function toHsl(hex: string): Hsl | null {
  const rgb = parseHex(hex);
  if (!rgb) return null;
  const r = rgb.r / 255;
  const g = rgb.g / 255;
  const b = rgb.b / 255;
  const max = Math.max(r, g, b);
  const min = Math.min(r, g, b);
  const l = (max + min) / 2;
  const d = max - min;
  if (d === 0) return { h: 0, s: 0, l };
  const s = d / (1 - Math.abs(2 * l - 1));
  let h: number;
  if (max === r) h = ((g - b) / d) % 6;
  else if (max === g) h = (b - r) / d + 2;
  else h = (r - g) / d + 4;
  h *= 60;
  if (h < 0) h += 360;
  return { h, s, l };
}

/**
 * Red, Amber, Green (and a strong Blue, which some trackers use for complete);
 * null for white, greys, pale tints and anything else.
 */
export function ragFromFill(hex: string | null | undefined): Rag | null {
  if (!hex) return null;
  const hsl = toHsl(hex);
  if (!hsl) return null;
  const { h, s, l } = hsl;
  if (s < 0.35 || l < 0.15 || l > 0.9) return null;
  if (h < 15 || h >= 335) return "Red";
  if (h < 68) return "Amber";
  if (h < 170) return "Green";
  if (h >= 190 && h < 250 && l >= 0.3 && l <= 0.7) return "Blue";
  return null;
}
