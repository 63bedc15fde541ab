/**
 * report: the panel paper, .docx or .html, from the same content as the Panel
 * Summary. Its words come from the workbook's "Panel paper" sheet, then a
 * --paper-settings file, then --organisation (each later one winning key by
 * key); what is not given is a placeholder, and the command lists it. Its
 * position date is --as-of, else the end of the tracker's own period; the two
 * more than a quarter apart are warned of. The tracker is only read.
 */
import { promises as fs } from "node:fs";
import path from "node:path";
import {
  PAPER_SETTING_LABELS,
  PAPER_SHEET,
  analyseTracker,
  buildPanelPaper,
  formatLongDate,
  isPaperSheet,
  mergePaperSettings,
  panelSummaryContent,
  paperPosition,
  paperSettingsFromGrid,
  parsePaperSettings,
} from "../model";
import type { Counts, FoundReport, Issue, PaperSettingKey, PaperSettings, SheetGrid, SummaryPrevious } from "../model";
import { InputError } from "./input-error";
import type { Options } from "./options";
import type { HistoryEntry } from "../model";

/** What the paper needs of the files read (run.ts's FilesAnalysed). */
export interface PaperFiles {
  /** Every sheet of the tracker's workbook, as read. */
  grids: readonly SheetGrid[];
  report: FoundReport;
  counts: Counts;
  issues: Issue[];
  period: { label: string; source: string };
  previous: (SummaryPrevious & { actions: SummaryPrevious["actions"] }) | null;
  /** Every period kept, oldest first (history.ts). */
  history?: { entries: readonly HistoryEntry[] };
}

export interface PaperMade {
  bytes: Uint8Array;
  /** What the command prints: lines, or the JSON. */
  lines: string[];
  json: Record<string, unknown>;
  /** Said on stderr: the position date far from the tracker's period, a "Panel paper" row that cannot be read. */
  warnings: string[];
}

/** --paper-settings FILE: the settings, or an InputError naming the file and the key. */
async function readSettingsFile(file: string): Promise<PaperSettings> {
  let text: string;
  try {
    text = await fs.readFile(file, "utf8");
  } catch (err) {
    throw new InputError(`--paper-settings ${file}: ${(err as NodeJS.ErrnoException).code === "ENOENT" ? "there is no such file" : (err as Error).message}.`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new InputError(`--paper-settings ${file}: not valid JSON (${(err as Error).message.split("\n")[0]}).`);
  }
  const parsed = parsePaperSettings(json);
  if (!parsed.ok) throw new InputError(`--paper-settings ${file}: ${parsed.message}.`);
  return parsed.settings;
}

/** The workbook's "Panel paper" sheet, read if it has one. */
function sheetSettings(grids: readonly SheetGrid[]): { settings: PaperSettings; problems: string[] } {
  const sheet = grids.find((g) => isPaperSheet(g.name));
  return sheet ? paperSettingsFromGrid(sheet) : { settings: {}, problems: [] };
}

function labels(keys: readonly PaperSettingKey[]): string {
  return keys.map((k) => `${PAPER_SETTING_LABELS[k]} (${k})`).join(", ");
}

/** Make the panel paper: its bytes, and what the command says about it. */
export async function makePanelPaper(options: Options, a: PaperFiles, built: Date): Promise<PaperMade> {
  const fromFile = options.paperSettings ? await readSettingsFile(options.paperSettings) : undefined;
  const fromSheet = sheetSettings(a.grids);
  const settings = mergePaperSettings(fromSheet.settings, fromFile, options.organisation?.trim() ? { organisation: options.organisation.trim() } : undefined);
  const position = paperPosition({ period: a.period.label, periodKnown: a.period.source !== "as-of", given: options.asOfGiven ? options.asOf : null, today: options.asOf });
  // The checks as at the position date (overdue actions), when it is not the date they were made at.
  const issues =
    position.asOf.getTime() === options.asOf.getTime()
      ? a.issues
      : analyseTracker(a.report, { asOf: position.asOf, previous: a.previous ? { label: a.previous.label, actions: a.previous.actions } : null }).issues;
  const input = {
    report: a.report,
    counts: a.counts,
    previous: a.previous,
    history: a.history?.entries,
    options: { period: a.period.label, organisation: settings.organisation, asOf: position.asOf, built, source: path.basename(options.file) },
    settings,
    issues,
  };
  const content = panelSummaryContent(input);
  const paper = buildPanelPaper({ ...input, content });
  // Loaded only here: the paper's writers (and the docx package) are not needed by the other commands.
  const { paperDocx, paperHtml } = await import("../paper");
  const html = /\.html?$/i.test(options.out!);
  // The charts (charts.ts), loaded only here; a paper whose charts cannot be drawn still has their tables.
  const charts = await import("./charts").then((c) => c.drawCharts(paper)).then(
    (images) => ({ images, problem: null }),
    (err: unknown) => ({ images: undefined, problem: `the charts could not be drawn (${(err as Error)?.message ?? err}); the paper has their tables` }),
  );
  const bytes = html ? new TextEncoder().encode(paperHtml(paper, charts.images)) : await paperDocx(paper, charts.images);
  const updates = content.updates?.counts;
  const x = paper.exceptions;
  const json = {
    out: options.out,
    format: html ? "html" : "docx",
    title: paper.documentTitle,
    period: paper.period,
    previous: paper.previousLabel,
    position: { asOf: paper.asOf.toISOString().slice(0, 10), from: position.from },
    sections: [...paper.sections.map((s) => s.heading), paper.appendix.heading],
    appendixActions: paper.appendix.actions,
    exceptions: x.total,
    exceptionsInBody: x.inBody,
    missing: paper.missing,
    charts: [...(charts.images?.keys() ?? [])],
    ...(a.history && a.history.entries.length > 1 ? { history: a.history.entries.map((e) => e.label) } : {}),
    ...(updates ? { updates: { updated: updates.updated, notUpdated: updates.notUpdated, new: updates.new, notCompared: updates.notCompared } } : {}),
  };
  const lines = [
    `Wrote ${options.out}: the panel paper "${paper.documentTitle}" (${html ? "one web page" : "a Word document"}), ${paper.sections.length} sections and Appendix 1 with all ${paper.appendix.actions} actions; ${x.total} exception(s)${x.inBody < x.total ? `, the ${x.inBody} most serious in the body` : ""}.`,
    `Position as at ${formatLongDate(paper.asOf)}${position.from === "period" ? ` (the end of the tracker's period, ${paper.period}; --as-of gives another date)` : ""}.`,
    `Summary: ${content.text.sentence}`,
    ...(updates ? [`Updates since ${updates.since}: ${updates.updated} updated, ${updates.notUpdated} not updated, ${updates.new} new action(s)${updates.notCompared ? `, ${updates.notCompared} not compared` : ""}${updates.fromChangeLog ? ` (from the Change log's rows for ${updates.fromChangeLog})` : ""}.`] : []),
    ...(paper.missing.length
      ? [`Not given, so shown as placeholders such as "[Contact officer]": ${labels(paper.missing)}. Give them in the workbook's "${PAPER_SHEET}" sheet (column A the label, B the value) or with --paper-settings.`]
      : []),
    ...(paper.standard.length ? [`The Panel's standard wording is used for: ${labels(paper.standard)}.`] : []),
    `${options.file} was only read.`,
  ];
  return { bytes, lines, json, warnings: [...(position.warning ? [position.warning] : []), ...fromSheet.problems, ...(charts.problem ? [charts.problem] : [])] };
}
