/**
 * The panel paper as a Word document (.docx), written with the `docx` package
 * from the model's PaperPlan (src/model/summary/paper.ts).
 *
 * Set as the Panel's own papers: the cover block (the Panel and the agenda
 * item on one line, the meeting date and "Public Report" on the next, who
 * reports, the contact officer), numbered paragraphs ("5.2") hanging from
 * their numbers, the short title at the head of every page and "Page 3 of 14"
 * at its foot. Placeholders ("[Contact officer]") are highlighted as well as bracketed.
 *
 * Accessible as the Panel publishes it (WCAG 2.2 AA):
 *  - real heading styles (Title, Heading 1, Heading 2), so Word's navigation
 *    pane, screen readers and PDF tags see the structure;
 *  - the title in the document's properties and the language en-GB in its
 *    default style (and on every run, so each paragraph is read as British English);
 *  - every table's first row marked as its header row (w:tblHeader), repeated
 *    on every page; a row short enough is kept on one page (w:cantSplit), a
 *    long one may run on (LibreOffice drops rows it cannot place), and the
 *    header row itself carries no cantSplit (with it, LibreOffice drops the
 *    rows of a table that starts at the foot of a page);
 *  - columns sized from their content (widths.ts): no word breaks inside itself;
 *  - a coloured cell always holds its word; spacing comes from paragraph
 *    styles, never from empty paragraphs or cells;
 *  - the appendix in a landscape section of its own.
 */
import type { ChartImages } from "./html";
import {
  AlignmentType,
  ImageRun,
  BorderStyle,
  Document,
  ExternalHyperlink,
  Footer,
  Header,
  HeadingLevel,
  LevelFormat,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  ShadingType,
  TabStopType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from "docx";
import JSZip from "jszip";
import type { PaperBlock, PaperCell, PaperCoverLine, PaperPlan, PaperRun, PaperTable } from "../model";
import { fitColumns, linesIn } from "./widths";
import type { TableFont } from "./widths";

/** A4 in twentieths of a point, with 2 cm margins. */
const A4 = { width: 11906, height: 16838 };
const MARGIN = 1134;
const TEXT_WIDTH = { portrait: A4.width - 2 * MARGIN, landscape: A4.height - 2 * MARGIN };
/** The height of the text on a page, in points (less the header and footer lines). */
const TEXT_HEIGHT = { portrait: (A4.height - 2 * MARGIN) / 20 - 40, landscape: (A4.width - 2 * MARGIN) / 20 - 40 };
const FONT = "Arial";
const BULLETS = "paper-bullets";
/** Table text: 9 pt, with 5 pt of padding each side (CELL_MARGIN). */
const TABLE_FONT: TableFont = { size: 9, padding: 10 };
const CELL_MARGIN = 100;
/** Where a numbered paragraph's text starts, after its number. */
const HANG = 720;
const LANG = { value: "en-GB" };

function hex(colour: string): string {
  return colour.replace("#", "").toUpperCase();
}

interface RunStyle {
  bold?: boolean;
  colour?: string;
  placeholder?: boolean;
}

function textRun(text: string, o: RunStyle = {}, breakBefore = false): TextRun {
  return new TextRun({
    text,
    break: breakBefore ? 1 : undefined,
    bold: o.bold || o.placeholder,
    color: o.colour ? hex(o.colour) : undefined,
    highlight: o.placeholder ? "yellow" : undefined,
    language: LANG,
  });
}

/** Text with line breaks kept as breaks inside one paragraph (an update typed over several lines). */
function runs(text: string, o: RunStyle = {}): TextRun[] {
  return text.split(/\r?\n/).map((line, i) => textRun(line, o, i > 0));
}

const BORDER = { style: BorderStyle.SINGLE, size: 4, color: "808080" };
const BORDERS = { top: BORDER, bottom: BORDER, left: BORDER, right: BORDER };

function cell(c: PaperCell, width: number, header: boolean): TableCell {
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    borders: BORDERS,
    shading: header ? { type: ShadingType.CLEAR, color: "auto", fill: "D9D9D9" } : c.colours ? { type: ShadingType.CLEAR, color: "auto", fill: hex(c.colours.fill) } : undefined,
    children: [new Paragraph({ style: "TableText", children: runs(c.text, { bold: header || c.bold, colour: header ? "#000000" : c.colours?.font }) })],
  });
}

/** Whether a row is short enough to be kept on one page: at most a third of a page's text. */
function keepsTogether(row: PaperCell[], widths: number[], pageHeight: number): boolean {
  const lines = Math.max(...row.map((c, i) => linesIn(c.text, widths[i], TABLE_FONT, c.bold)));
  return lines * TABLE_FONT.size * 1.2 + 4 <= pageHeight / 3;
}

function table(t: PaperTable, orientation: "portrait" | "landscape"): (Paragraph | Table)[] {
  const points = fitColumns(t, TEXT_WIDTH[orientation] / 20, TABLE_FONT);
  const widths = points.map((w) => Math.floor(w * 20));
  return [
    new Paragraph({ style: "Caption", keepNext: true, children: [textRun(t.caption)] }),
    new Table({
      width: { size: widths.reduce((s, w) => s + w, 0), type: WidthType.DXA },
      columnWidths: widths,
      margins: { left: CELL_MARGIN, right: CELL_MARGIN, top: 40, bottom: 40 },
      rows: [
        // The header row: marked as such, repeated at the top of every page the table runs onto.
        new TableRow({ tableHeader: true, children: t.header.map((h, i) => cell({ text: h }, widths[i], true)) }),
        ...t.rows.map((row) => new TableRow({ cantSplit: keepsTogether(row, points, TEXT_HEIGHT[orientation]), children: row.map((c, i) => cell(c, widths[i], false)) })),
      ],
    }),
  ];
}

/** A numbered paragraph: its number, a tab, and the text hanging from it. */
function numbered(number: string | undefined, text: string, placeholder?: boolean): Paragraph {
  const body = runs(text, { placeholder });
  if (!number) return new Paragraph({ children: body });
  return new Paragraph({ indent: { left: HANG, hanging: HANG }, tabStops: [{ type: TabStopType.LEFT, position: HANG }], children: [textRun(`${number}\t`), ...body] });
}

/** A chart as one PNG image with its figures in its alt text, and its caption under it; nothing when no image was drawn. */
function chart(b: Extract<PaperBlock, { kind: "chart" }>, images: ChartImages | undefined): Paragraph[] {
  const image = images?.get(b.chart.id);
  if (!image) return [];
  // At most the text's width (CSS pixels at 96 per inch; a twip is 1/1440 inch).
  const scale = Math.min(1, (TEXT_WIDTH.portrait / 15) / image.width);
  const picture = new ImageRun({
    type: "png",
    data: image.png,
    transformation: { width: Math.round(image.width * scale), height: Math.round(image.height * scale) },
    altText: { name: b.caption, title: b.chart.title, description: b.chart.alt },
  });
  return [new Paragraph({ keepNext: true, children: [picture] }), new Paragraph({ style: "Caption", children: [textRun(b.caption)] })];
}

function block(b: PaperBlock, orientation: "portrait" | "landscape", images?: ChartImages): (Paragraph | Table)[] {
  if (b.kind === "chart") return chart(b, images);
  if (b.kind === "paragraph") return [numbered(b.number, b.text, b.placeholder)];
  if (b.kind === "bullets") return b.items.map((item) => new Paragraph({ numbering: { reference: BULLETS, level: 0 }, children: [textRun(item)] }));
  if (b.kind === "document") {
    const link = b.url ? [new ExternalHyperlink({ link: b.url, children: [new TextRun({ text: b.url, break: 1, color: "0563C1", underline: {}, language: LANG })] })] : [];
    return [new Paragraph({ indent: { left: HANG }, children: [textRun(b.title), ...link] })];
  }
  return table(b.table, orientation);
}

function coverRuns(parts: PaperRun[], bold: boolean | undefined): TextRun[] {
  return parts.map((p) => textRun(p.text, { bold, placeholder: p.placeholder }));
}

/** A line of the cover: its left words, and its right words against the right margin (a tab, not a layout table). */
function coverLine(line: PaperCoverLine): Paragraph {
  const right = line.right ? [textRun("\t"), ...coverRuns(line.right, line.strong)] : [];
  return new Paragraph({
    style: "Cover",
    tabStops: [{ type: TabStopType.RIGHT, position: TEXT_WIDTH.portrait }],
    children: [...coverRuns(line.left, line.strong), ...right],
  });
}

/** The running head and foot of a section's pages. */
/**
 * The running head (the short title) and the footer ("Page 3 of 14"). The first
 * page has the cover block at its top: its header is empty (Word's "different
 * first page", titlePage), so the running head does not sit above the cover;
 * its footer still numbers it.
 */
function pageFurniture(paper: PaperPlan, coverPage = false) {
  const footer = () =>
    new Footer({
      children: [new Paragraph({ style: "PageHead", alignment: AlignmentType.RIGHT, children: [new TextRun({ children: ["Page ", PageNumber.CURRENT, " of ", PageNumber.TOTAL_PAGES], language: LANG })] })],
    });
  return {
    headers: {
      default: new Header({ children: [new Paragraph({ style: "PageHead", children: [textRun(paper.shortTitle)] })] }),
      ...(coverPage ? { first: new Header({ children: [new Paragraph({ style: "PageHead", children: [] })] }) } : {}),
    },
    footers: { default: footer(), ...(coverPage ? { first: footer() } : {}) },
  };
}

const STYLES = {
  default: {
    document: { run: { font: FONT, size: 22, language: LANG }, paragraph: { spacing: { before: 80, after: 120 } } },
    title: { run: { font: FONT, size: 36, bold: true, color: "1F3864" }, paragraph: { spacing: { before: 240, after: 120 } } },
    heading1: { run: { font: FONT, size: 26, bold: true, color: "1F3864" }, paragraph: { spacing: { before: 240, after: 100 }, keepNext: true } },
    heading2: { run: { font: FONT, size: 24, bold: true, color: "1F3864" }, paragraph: { spacing: { before: 200, after: 80 }, keepNext: true } },
    caption: { run: { font: FONT, size: 20, bold: true, italics: false, color: "000000" }, paragraph: { spacing: { before: 120, after: 60 }, keepNext: true } },
  },
  paragraphStyles: [
    { id: "Subtitle", name: "Subtitle", basedOn: "Normal", next: "Normal", run: { font: FONT, size: 24, color: "404040" }, paragraph: { spacing: { before: 0, after: 60 } } },
    { id: "Cover", name: "Cover", basedOn: "Normal", next: "Normal", run: { font: FONT, size: 22 }, paragraph: { spacing: { before: 0, after: 60 } } },
    { id: "TableText", name: "Table Text", basedOn: "Normal", run: { font: FONT, size: 18 }, paragraph: { spacing: { before: 0, after: 0 } } },
    { id: "PageHead", name: "Page Head", basedOn: "Normal", run: { font: FONT, size: 16, color: "404040" }, paragraph: { spacing: { before: 0, after: 0 } } },
  ],
};

/** The Document of a paper (for tests that look inside; `paperDocx` packs it). */
export function paperDocument(paper: PaperPlan, images?: ChartImages): Document {
  const portrait: (Paragraph | Table)[] = [
    ...paper.cover.map(coverLine),
    new Paragraph({ heading: HeadingLevel.TITLE, children: [textRun(paper.title)] }),
    ...paper.subtitle.map((line) => new Paragraph({ style: "Subtitle", children: [textRun(line)] })),
  ];
  for (const section of paper.sections) {
    portrait.push(new Paragraph({ heading: HeadingLevel.HEADING_1, children: [textRun(section.heading)] }));
    for (const b of section.blocks) portrait.push(...block(b, "portrait", images));
  }
  // A paragraph of text ends the portrait part: the section break rides on it (paperDocx), not on an empty paragraph.
  portrait.push(new Paragraph({ children: [textRun(`${paper.appendix.heading.split(" – ")[0]}, the delivery plan, follows on landscape pages.`)] }));
  const landscape: (Paragraph | Table)[] = [
    new Paragraph({ heading: HeadingLevel.HEADING_1, children: [textRun(paper.appendix.heading)] }),
    ...paper.appendix.intro.map((text) => new Paragraph({ children: [textRun(text)] })),
  ];
  for (const group of paper.appendix.groups) {
    landscape.push(new Paragraph({ heading: HeadingLevel.HEADING_2, keepNext: true, children: [textRun(group.theme)] }));
    landscape.push(...table(group.table, "landscape"));
  }
  // Text after the last table: Word wants a paragraph there, and the reader sees where the appendix ends.
  landscape.push(new Paragraph({ children: [textRun(paper.appendix.end)] }));
  const margins = { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN, header: 567, footer: 567 };
  return new Document({
    title: paper.documentTitle,
    subject: paper.appendix.heading,
    description: `${paper.title}. ${paper.subtitle.join(". ")}.`,
    creator: "Delivery Plan add-in",
    lastModifiedBy: "Delivery Plan add-in",
    styles: STYLES,
    numbering: {
      config: [{ reference: BULLETS, levels: [{ level: 0, format: LevelFormat.BULLET, text: "•", alignment: AlignmentType.LEFT, style: { paragraph: { indent: { left: HANG + 360, hanging: 360 } } } }] }],
    },
    sections: [
      { properties: { titlePage: true, page: { size: { width: A4.width, height: A4.height, orientation: PageOrientation.PORTRAIT }, margin: margins } }, ...pageFurniture(paper, true), children: portrait },
      // The appendix on landscape pages: its table is up to eight columns wide.
      { properties: { page: { size: { width: A4.width, height: A4.height, orientation: PageOrientation.LANDSCAPE }, margin: margins } }, ...pageFurniture(paper), children: landscape },
    ],
  });
}

const SECTION_BREAK = "<w:p><w:pPr><w:sectPr>";

/**
 * Word keeps a section's page settings in the pPr of its last paragraph; the
 * `docx` package adds an empty paragraph to hold them. Move them into the
 * paragraph of text before it, so the document has no empty paragraph.
 */
export function sectionBreaksOnText(xml: string): string {
  let out = xml;
  for (let at = out.indexOf(SECTION_BREAK); at >= 0; at = out.indexOf(SECTION_BREAK, at + 1)) {
    const end = out.indexOf("</w:p>", at) + "</w:p>".length;
    const sectPr = out.slice(at + "<w:p><w:pPr>".length, out.indexOf("</w:pPr>", at));
    if (!out.slice(0, at).endsWith("</w:p>")) continue;
    const start = out.lastIndexOf("<w:p>", at - 1);
    const previous = out.slice(start, at);
    // Only a plain paragraph of text (not the last paragraph of a table cell).
    if (start < 0 || previous.includes("<w:tbl") || previous.includes("</w:tc>")) continue;
    const merged = previous.includes("</w:pPr>") ? previous.replace("</w:pPr>", `${sectPr}</w:pPr>`) : previous.replace("<w:p>", `<w:p><w:pPr>${sectPr}</w:pPr>`);
    out = out.slice(0, start) + merged + out.slice(end);
    at = start;
  }
  return out;
}

/** The paper as .docx bytes (one image per chart when their images are given). */
export async function paperDocx(paper: PaperPlan, images?: ChartImages): Promise<Uint8Array> {
  // Bytes, not a Node Buffer: the same writer runs in the task pane.
  const zip = await JSZip.loadAsync(await Packer.pack(paperDocument(paper, images), "uint8array"));
  const file = zip.file("word/document.xml")!;
  zip.file("word/document.xml", sectionBreaksOnText(await file.async("string")));
  return zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
}
