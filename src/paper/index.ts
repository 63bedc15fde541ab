/** The panel paper's writers: .docx (the `docx` package), one self-contained .html page, and plain text. */
export { paperDocument, paperDocx } from "./docx";
export { escapeHtml, paperHtml } from "./html";
export { paperText } from "./text";
