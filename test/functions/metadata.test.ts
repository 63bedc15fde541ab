/**
 * functions.json, generated from functions.ts's JSDoc the way the build does it
 * (custom-functions-metadata, the library under custom-functions-metadata-plugin),
 * written to a temporary folder: every ACTIONS function is there with its id,
 * a description and help for every parameter. The ids are stored in users'
 * workbooks, so this list may grow but never change.
 *
 * The library reports JSDoc mistakes in `errors` and still resolves (its CLI
 * even exits 0), so the errors are asserted to be empty.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { generateCustomFunctionsMetadata } from "custom-functions-metadata";

const ROOT = path.resolve(__dirname, "../..");
const SOURCE = path.join(ROOT, "src/functions/functions.ts");

interface Parameter {
  name: string;
  description?: string;
  type?: string;
  dimensionality?: string;
  optional?: boolean;
}
interface FunctionMeta {
  id: string;
  name: string;
  description?: string;
  options?: { stream?: boolean; cancelable?: boolean };
  parameters: Parameter[];
  result: { type?: string; dimensionality?: string };
}

const IDS = ["COUNT", "TOTAL", "PERCENT", "STATUS", "RAG", "CHANGE", "LIST", "THEMES", "HISTORY"];

let functions: FunctionMeta[];
let errors: string[];
let dir: string;

beforeAll(async () => {
  const result = await generateCustomFunctionsMetadata(SOURCE);
  errors = result.errors;
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "functions-json-"));
  fs.writeFileSync(path.join(dir, "functions.json"), result.metadataJson);
  functions = (JSON.parse(fs.readFileSync(path.join(dir, "functions.json"), "utf8")) as { functions: FunctionMeta[] }).functions;
});

afterAll(() => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

test("the JSDoc has no errors", () => {
  expect(errors).toEqual([]);
});

test("a JSDoc mistake does show up in errors (so the check above means something)", async () => {
  const bad = path.join(dir, "bad.ts");
  fs.writeFileSync(bad, "/**\n * Broken.\n * @customfunction\n * @param x\n */\nexport function broken(x: Map<string, number>): number {\n  return x.size;\n}\n");
  const result = await generateCustomFunctionsMetadata(bad);
  expect(result.errors.length).toBeGreaterThan(0);
});

test("lists ACTIONS.COUNT, TOTAL, PERCENT, STATUS, RAG, CHANGE, LIST, THEMES and HISTORY by their ids", () => {
  expect(functions.map((f) => f.id)).toEqual(IDS);
  for (const f of functions) expect(f.name).toBe(f.id);
  // The ACTIONS. prefix is the manifest's namespace.
  expect(fs.readFileSync(path.join(ROOT, "manifest.xml"), "utf8")).toMatch(/<bt:String id="Functions.Namespace" DefaultValue="ACTIONS"\/>/);
});

test("every function and every parameter has a description Excel can show", () => {
  for (const f of functions) {
    expect({ id: f.id, description: f.description?.trim() }).toEqual({ id: f.id, description: expect.stringMatching(/\S{3}/) });
    // Excel's limits for the metadata: 128 characters for a description of a function or a parameter.
    expect(f.description!.length).toBeLessThanOrEqual(128);
    expect(f.parameters.length).toBeGreaterThan(0);
    for (const p of f.parameters) {
      expect({ fn: f.id, param: p.name, description: p.description?.trim() }).toEqual({ fn: f.id, param: p.name, description: expect.stringMatching(/\S{3}/) });
      expect(p.description!.length).toBeLessThanOrEqual(128);
    }
  }
});

test("the parameters, their order and kinds (what users' formulas depend on)", () => {
  const shape = Object.fromEntries(
    functions.map((f) => [f.id, f.parameters.map((p) => `${p.optional ? "[" : ""}${p.name}${p.dimensionality === "matrix" ? ":range" : ""}${p.optional ? "]" : ""}`).join(", ")]),
  );
  expect(shape).toEqual({
    COUNT: "value, [theme:range], [lead:range], [source:range]",
    TOTAL: "[theme:range], [source:range]",
    PERCENT: "value, [theme:range], [source:range]",
    STATUS: "id, [source:range]",
    RAG: "id, [source:range]",
    CHANGE: "value",
    LIST: "value, [theme:range], [source:range]",
    THEMES: "[source:range]",
    HISTORY: "value, [snapshots:range]",
  });
});

test("all stream; LIST, THEMES and HISTORY spill; the rest give one value", () => {
  for (const f of functions) expect(f.options?.stream).toBe(true);
  const results = Object.fromEntries(functions.map((f) => [f.id, `${f.result.type}${f.result.dimensionality === "matrix" ? "[][]" : ""}`]));
  expect(results).toEqual({
    COUNT: "number",
    TOTAL: "number",
    PERCENT: "number",
    STATUS: "string",
    RAG: "string",
    CHANGE: "number",
    LIST: "string[][]",
    THEMES: "string[][]",
    // Its rows are a label and a count: the type "any" has no "type" in functions.json.
    HISTORY: "undefined[][]",
  });
});

test("the build makes dist/functions.json from the same file with the same library", async () => {
  // webpack.config.js is plain CommonJS: load it and find the metadata plugin it configures.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const config = (await require(path.join(ROOT, "webpack.config.js"))({}, { mode: "production" })) as { plugins: { constructor: { name: string }; options?: { input: string; output: string } }[] };
  const plugin = config.plugins.find((p) => p.constructor.name === "CustomFunctionsMetadataPlugin");
  expect(plugin?.options).toEqual({ input: SOURCE, output: "functions.json" });
});

test("ids, names and the namespace follow Microsoft's custom-functions naming guidance", () => {
  // "Custom functions naming and localization": both start with a letter and have at least three characters;
  // an id uses only A–Z, 0–9, underscore and period; a name Unicode letters, underscore and period; uppercase,
  // as Excel shows its own; and no name may be a cell reference (A1 to XFD1048576, R1C1 to R1048576C16384).
  const namespace = /<bt:String id="Functions.Namespace" DefaultValue="([^"]+)"\/>/.exec(fs.readFileSync(path.join(ROOT, "manifest.xml"), "utf8"))?.[1] ?? "";
  const isCellReference = (n: string) => /^[A-Z]{1,3}[0-9]+$/i.test(n) || /^R[0-9]+C[0-9]+$/i.test(n);
  for (const name of [namespace, ...functions.map((f) => f.name)]) {
    expect({ name, ok: /^\p{L}[\p{L}_.]{2,}$/u.test(name) && name === name.toUpperCase() && !isCellReference(name) }).toEqual({ name, ok: true });
  }
  for (const f of functions) expect({ id: f.id, ok: /^[A-Z][A-Z0-9_.]{2,}$/.test(f.id) }).toEqual({ id: f.id, ok: true });
  // What the users type stays ACTIONS.COUNT and so on.
  expect(functions.map((f) => `${namespace}.${f.name}`)).toContain("ACTIONS.COUNT");
});
