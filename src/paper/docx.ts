/**
 * The panel paper as a Word document (.docx), written with the `docx` package
 * from the model's PaperPlan (src/model/paper.ts).
 *
 * Accessible as the Panel publishes it (WCAG 2.2 AA):
 *  - real heading styles (Title, Heading 1, Heading 2), so Word's navigation
 *    pane, screen readers and PDF tags see the structure;
 *  - the title in the document's properties and the language en-GB in its
 *    default style (and on every run, so each paragraph is read as British English);
 *  - every table's first row marked as its header row (w:tblHeader), repeated
 *    on every page, and never split across pages;
 *  - a coloured cell always holds its word; spacing comes from paragraph
 *    styles, never from empty paragraphs or cells;
 *  - the appendix in a landscape section of its own.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  HeadingLevel,
  LevelFormat,
  Packer,
  PageOrientation,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from "docx";
import JSZip from "jszip";
import type { PaperBlock, PaperCell, PaperPlan, PaperTable } from "../model";

/** A4 in twentieths of a point, with 2 cm margins. */
const A4 = { width: 11906, height: 16838 };
const MARGIN = 1134;
const TEXT_WIDTH = { portrait: A4.width - 2 * MARGIN, landscape: A4.height - 2 * MARGIN };
const FONT = "Arial";
const BULLETS = "paper-bullets";

function hex(colour: string): string {
  return colour.replace("#", "").toUpperCase();
}

function run(text: string, options: { bold?: boolean; colour?: string } = {}): TextRun {
  return new TextRun({ text, bold: options.bold, color: options.colour ? hex(options.colour) : undefined, language: { value: "en-GB" } });
}

/** Text with line breaks kept as breaks inside one paragraph (an update typed over several lines). */
function runs(text: string, options: { bold?: boolean; colour?: string } = {}): TextRun[] {
  return text.split(/\r?\n/).map((line, i) => new TextRun({ text: line, break: i > 0 ? 1 : undefined, bold: options.bold, color: options.colour ? hex(options.colour) : undefined, language: { value: "en-GB" } }));
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

function table(t: PaperTable, textWidth: number): (Paragraph | Table)[] {
  const total = t.widths.reduce((s, w) => s + w, 0);
  const widths = t.widths.map((w) => Math.floor((w / total) * textWidth));
  return [
    new Paragraph({ style: "Caption", keepNext: true, children: [run(t.caption)] }),
    new Table({
      width: { size: widths.reduce((s, w) => s + w, 0), type: WidthType.DXA },
      columnWidths: widths,
      rows: [
        // The header row: marked as such, repeated at the top of every page the table runs onto.
        new TableRow({ tableHeader: true, cantSplit: true, children: t.header.map((h, i) => cell({ text: h }, widths[i], true)) }),
        ...t.rows.map((row) => new TableRow({ cantSplit: true, children: row.map((c, i) => cell(c, widths[i], false)) })),
      ],
    }),
  ];
}

function block(b: PaperBlock, textWidth: number): (Paragraph | Table)[] {
  if (b.kind === "paragraph") return [new Paragraph({ children: [run(b.text)] })];
  if (b.kind === "bullets") return b.items.map((item) => new Paragraph({ numbering: { reference: BULLETS, level: 0 }, children: [run(item)] }));
  return table(b.table, textWidth);
}

/** The Document of a paper (for tests that look inside; `paperDocx` packs it). */
export function paperDocument(paper: PaperPlan): Document {
  const portrait: (Paragraph | Table)[] = [
    new Paragraph({ heading: HeadingLevel.TITLE, children: [run(paper.title)] }),
    ...paper.subtitle.map((line) => new Paragraph({ style: "Subtitle", children: [run(line)] })),
  ];
  for (const section of paper.sections) {
    portrait.push(new Paragraph({ heading: HeadingLevel.HEADING_1, children: [run(section.heading)] }));
    for (const b of section.blocks) portrait.push(...block(b, TEXT_WIDTH.portrait));
  }
  // A paragraph of text ends the portrait part: the section break rides on it (paperDocx), not on an empty paragraph.
  portrait.push(new Paragraph({ children: [run(`${paper.appendix.heading.split(" – ")[0]}, the delivery plan, follows on landscape pages.`)] }));
  const landscape: (Paragraph | Table)[] = [
    new Paragraph({ heading: HeadingLevel.HEADING_1, children: [run(paper.appendix.heading)] }),
    ...paper.appendix.intro.map((text) => new Paragraph({ children: [run(text)] })),
  ];
  for (const group of paper.appendix.groups) {
    landscape.push(new Paragraph({ heading: HeadingLevel.HEADING_2, keepNext: true, children: [run(group.theme)] }));
    landscape.push(...table(group.table, TEXT_WIDTH.landscape));
  }
  const margins = { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN };
  return new Document({
    title: paper.documentTitle,
    subject: paper.appendix.heading,
    description: `${paper.title}. ${paper.subtitle.join(". ")}.`,
    creator: "Delivery Plan add-in",
    lastModifiedBy: "Delivery Plan add-in",
    styles: {
      default: {
        document: { run: { font: FONT, size: 22, language: { value: "en-GB" } }, paragraph: { spacing: { before: 80, after: 120 } } },
        title: { run: { font: FONT, size: 40, bold: true, color: "1F3864" }, paragraph: { spacing: { after: 120 } } },
        heading1: { run: { font: FONT, size: 28, bold: true, color: "1F3864" }, paragraph: { spacing: { before: 240, after: 120 }, keepNext: true } },
        heading2: { run: { font: FONT, size: 24, bold: true, color: "1F3864" }, paragraph: { spacing: { before: 200, after: 80 }, keepNext: true } },
        caption: { run: { font: FONT, size: 20, bold: true, italics: false, color: "000000" }, paragraph: { spacing: { before: 120, after: 60 }, keepNext: true } },
      },
      paragraphStyles: [
        { id: "Subtitle", name: "Subtitle", basedOn: "Normal", next: "Normal", run: { font: FONT, size: 24, color: "404040" }, paragraph: { spacing: { after: 60 } } },
        { id: "TableText", name: "Table Text", basedOn: "Normal", run: { font: FONT, size: 18 }, paragraph: { spacing: { after: 0 } } },
      ],
    },
    numbering: {
      config: [{ reference: BULLETS, levels: [{ level: 0, format: LevelFormat.BULLET, text: "•", alignment: AlignmentType.LEFT, style: { paragraph: { indent: { left: 720, hanging: 360 } } } }] }],
    },
    sections: [
      { properties: { page: { size: { width: A4.width, height: A4.height, orientation: PageOrientation.PORTRAIT }, margin: margins } }, children: portrait },
      // The appendix on landscape pages: its table is seven columns wide.
      { properties: { page: { size: { width: A4.width, height: A4.height, orientation: PageOrientation.LANDSCAPE }, margin: margins } }, children: landscape },
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

/** The paper as .docx bytes. */
export async function paperDocx(paper: PaperPlan): Promise<Uint8Array> {
  // Bytes, not a Node Buffer: the same writer runs in the task pane.
  const zip = await JSZip.loadAsync(await Packer.pack(paperDocument(paper), "uint8array"));
  const file = zip.file("word/document.xml")!;
  zip.file("word/document.xml", sectionBreaksOnText(await file.async("string")));
  return zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
}
