/** The panel paper's writers: .docx (the `docx` package) and one self-contained .html page. */
export { paperDocument, paperDocx } from "./docx";
export { escapeHtml, paperHtml } from "./html";
