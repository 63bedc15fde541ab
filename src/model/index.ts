/** The engine: pure TypeScript, no Office.js, no ExcelJS, no file system. */
export * from "./grid";
export * from "./vocabulary";
export * from "./headers";
export * from "./schema";
export * from "./colour";
export * from "./tracker";
export * from "./content";
export * from "./counts";
export * from "./workbook";
export * from "./action-index";
export * from "./timeframe";
export * from "./direction";
export * from "./checks";
export * from "./formatting";
export * from "./writes";
export * from "./snapshot";
export * from "./summary";
