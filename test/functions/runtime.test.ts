/**
 * @jest-environment jsdom
 *
 * The ACTIONS functions under Microsoft's own custom-functions runtime
 * (@microsoft/office-js dist/custom-functions-runtime.debug.js, loaded as the
 * page's <script> would): every id the metadata declares (the same generator
 * as the build's functions.json) is associated with a function by the calls
 * the build's loader appends (CustomFunctions.associate(id, fn)), and the
 * values the runtime hands a function for a range with error cells and data
 * types (allowCustomDataForDataTypeAny) are read as Excel shows them, never as
 * "[object Object]".
 */
import * as path from "path";
import * as fns from "../../src/functions/functions";
import { evalCount, evalField, evalList, indexFromRange } from "../../src/functions/evaluate";
import { fromOfficeValue } from "../../src/shared/values";

type Runtime = {
  associate(id: string, fn: unknown): void;
  Error: new (code: string, message?: string) => Error & { code: string };
  ErrorCode: Record<string, string>;
  Entity: new (text: string, properties?: unknown) => object;
  FormattedNumber: new (value: number, format: string) => object;
};

let CF: Runtime;
let mappings: Record<string, unknown>;

beforeAll(() => {
  const g = globalThis as unknown as Record<string, unknown>;
  // The runtime finds its own <script> to know where it was loaded from.
  const script = document.createElement("script");
  script.src = "https://localhost:3000/custom-functions-runtime.debug.js";
  document.head.appendChild(script);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const fs = require("fs") as typeof import("fs");
  const indirectEval = eval;
  indirectEval(`${fs.readFileSync(require.resolve("@microsoft/office-js/dist/custom-functions-runtime.debug.js"), "utf8")}\n//# sourceURL=custom-functions-runtime.debug.js`);
  CF = g.CustomFunctions as Runtime;
  // The runtime's own registry, where it looks each invoked id up (upper case).
  mappings = (CF as unknown as { _association: { mappings: Record<string, unknown> } })._association.mappings;
});

interface Generated {
  metadataJson: string;
  associate: { id: string; functionName: string }[];
  errors: string[];
}

async function metadata(): Promise<{ ids: string[]; associate: Generated["associate"] }> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { generateCustomFunctionsMetadata } = require("custom-functions-metadata") as { generateCustomFunctionsMetadata(input: string, wantConsoleOutput?: boolean): Promise<Generated> };
  const generated = await generateCustomFunctionsMetadata(path.resolve(__dirname, "../../src/functions/functions.ts"));
  expect(generated.errors).toEqual([]);
  const json = JSON.parse(generated.metadataJson) as { functions: { id: string }[] };
  return { ids: json.functions.map((f) => f.id), associate: generated.associate };
}

it("is Microsoft's runtime: CustomFunctions.associate, Error and the data types are its own", () => {
  expect(typeof CF.associate).toBe("function");
  expect(new CF.Error(CF.ErrorCode.notAvailable)).toMatchObject({ code: "#N/A" });
});

it("associates every id of the metadata with an exported function, as the build's loader does", async () => {
  const { ids, associate } = await metadata();
  expect(ids).toEqual(["COUNT", "TOTAL", "PERCENT", "STATUS", "RAG", "CHANGE", "LIST", "THEMES", "HISTORY"]);
  const exported = fns as unknown as Record<string, unknown>;
  // The loader appends CustomFunctions.associate("<id>", <functionName>) for each: the same calls, on the runtime.
  for (const a of associate) CF.associate(a.id, exported[a.functionName]);
  expect([...associate.map((a) => a.id)].sort()).toEqual([...ids].sort());
  for (const id of ids) expect(typeof mappings[id.toUpperCase()]).toBe("function");
  for (const a of associate) expect(mappings[a.id.toUpperCase()]).toBe(exported[a.functionName]);
});

describe("a range passed in, as the runtime gives it with allowCustomDataForDataTypeAny", () => {
  // What _transferCustomFunctionRichData hands over for a rich cell: JSON.parse of the cell's value.
  const rich = (json: object) => JSON.parse(JSON.stringify(json)) as object;
  const range = () => [
    ["Ref", "Action", "Status", "RAG"],
    ["A1", "Patrols", "Completed", "Green"],
    // An error cell, as flag 8 gives it and as flag 4 gives it (the runtime's own CustomFunctionError).
    ["A2", "Cameras", rich({ type: "Error", primitive: "#N/A" }), new CF.Error(CF.ErrorCode.invalidValue)],
    // Data types: an entity shows its text, a formatted number its number.
    ["A3", rich({ type: "Entity", text: "Knife crime", properties: { Owner: { type: "String", basicValue: "NP" } } }), rich({ type: "Entity", text: "In progress" }), "Amber"],
    [rich({ type: "FormattedNumber", primitive: 4, numberFormat: "0" }), "Street lights", new CF.Entity("Completed"), "Red"],
  ];

  it("error cells are errors and data types their basic values: no [object Object]", () => {
    const values = range().map((row) => row.map(fromOfficeValue));
    expect(JSON.stringify(values)).not.toContain("[object Object]");
    expect(values[2][2]).toEqual({ error: "#N/A" });
    expect(values[2][3]).toEqual({ error: "#VALUE!" });
    expect(values[3][1]).toBe("Knife crime");
    expect(values[3][2]).toBe("In progress");
    expect(values[4][0]).toBe(4);
    expect(values[4][2]).toBe("Completed");
  });

  it("COUNT, STATUS and LIST count and show them as Excel shows them", () => {
    const index = indexFromRange(range());
    expect("error" in index).toBe(false);
    expect(evalCount(null, "Completed", null, null, range())).toBe(2);
    expect(evalCount(null, "In progress", null, null, range())).toBe(1);
    expect(evalField(null, "status", "A3", range())).toBe("In progress");
    const list = evalList(null, "In progress", null, range());
    expect(JSON.stringify(list)).not.toContain("[object Object]");
    expect(JSON.stringify(list)).toContain("A3");
  });

  it("a data type given as the word to count is its text", () => {
    expect(evalCount(null, new CF.Entity("Completed"), null, null, range())).toBe(2);
    expect(evalCount(null, rich({ type: "Entity", text: "Completed" }), null, null, range())).toBe(2);
  });
});
