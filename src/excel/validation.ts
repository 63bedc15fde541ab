/**
 * The validation plan in Excel: an in-cell drop-down list (Range.dataValidation,
 * ExcelApi 1.8; RangeAreas 1.9) on the data body of each status, RAG and
 * direction column — never whole columns. Ours are told apart by the input
 * message's title (VALIDATION_TITLES); a column holding any rule we did not
 * write is left alone and reported, and "remove" clears only ours.
 *
 * Round trips, whatever the number of rows: 1 to read what each body holds
 * (its validation's type and input title, and where its validated cells are),
 * 1 more only when a body is validated in part (to read those cells' rule as
 * one), then 1 for the writes: 2 or 3 to add, 1 to 3 to remove; one fewer
 * when the first came back with the caller's own round trip (the pane's read
 * of an unchanged tracker: queueValidationProbe).
 *
 * Excel reports one rule for a range: "None", the rule's type when every cell
 * has the same rule, "MixedCriteria" when some cells have none, "Inconsistent"
 * when cells differ. Finding which cell holds which rule inside a mixed range
 * would cost a request per cell, so such a column is left alone as a whole.
 */
import { VALIDATION_LABEL, isOurValidation, keptMessage } from "../model";
import type { ValidationPlan, ValidationResult, ValidationRule } from "../model";
import type { ValidationDone } from "../shared/host";

export interface ValidationDoneInExcel extends ValidationResult {
  syncs: number;
}

type Holding = "none" | "ours" | "theirs" | "partly";

interface Probe {
  rule: ValidationRule;
  validation: Excel.DataValidation;
  validated: Excel.RangeAreas;
  holding?: Holding;
  /** Where the user's rule is, for the report. */
  where?: string;
}

const local = (address: string) =>
  address
    .split(",")
    .map((a) => a.slice(a.lastIndexOf("!") + 1).trim())
    .join(", ");

function consistent(type: string): boolean {
  return type !== "None" && type !== "MixedCriteria" && type !== "Inconsistent";
}

/** A probe queued with a round trip of the caller's (queueValidationProbe). */
export interface QueuedProbe {
  /** After the caller's sync: the probes (and 1 more round trip only when a body is validated in part). */
  finish: () => Promise<{ probes: Probe[]; syncs: number }>;
}

/** Read what each rule's body holds: 1 round trip, 2 when a body is validated in part. */
async function probe(context: Excel.RequestContext, sheetName: string, rules: readonly ValidationRule[], queued?: QueuedProbe): Promise<{ probes: Probe[]; syncs: number }> {
  if (queued) return queued.finish();
  const probeQueued = queueValidationProbe(context, sheetName, rules);
  await context.sync();
  const { probes, syncs } = await probeQueued.finish();
  return { probes, syncs: syncs + 1 };
}

/** Queue what `probe` reads, to go with the caller's next sync (the pane's read of an unchanged tracker). */
export function queueValidationProbe(context: Excel.RequestContext, sheetName: string, rules: readonly ValidationRule[]): QueuedProbe {
  const sheet = context.workbook.worksheets.getItem(sheetName);
  const probes: Probe[] = rules.map((rule) => {
    // Range.dataValidation is an object (loaded on the next line), not a value: the lint rule takes it for one.
    // eslint-disable-next-line office-addins/load-object-before-read
    const validation = sheet.getRange(rule.range).dataValidation;
    validation.load("type,prompt,rule,errorAlert");
    const validated = sheet.getRange(rule.range).getSpecialCellsOrNullObject("DataValidations");
    validated.load("address");
    return { rule, validation, validated };
  });
  return { finish: () => finishProbe(context, probes) };
}

async function finishProbe(context: Excel.RequestContext, probes: Probe[]): Promise<{ probes: Probe[]; syncs: number }> {
  const partly: Probe[] = [];
  for (const p of probes) {
    const type = p.validation.type as string;
    if (type === "None") p.holding = "none";
    else if (consistent(type)) {
      p.holding = isOurValidation(p.validation.prompt?.title) ? "ours" : "theirs";
      p.where = p.rule.range;
    } else if (type === "MixedCriteria" && !p.validated.isNullObject) {
      // Some cells validated, some not: read the validated cells' rule as one.
      p.validated.dataValidation.load("type,prompt");
      partly.push(p);
    } else {
      p.holding = "theirs";
      p.where = p.validated.isNullObject ? p.rule.range : local(p.validated.address);
    }
  }
  if (partly.length === 0) return { probes, syncs: 0 };
  await context.sync();
  for (const p of partly) {
    const v = p.validated.dataValidation;
    p.holding = consistent(v.type as string) && isOurValidation(v.prompt?.title) ? "ours" : "theirs";
    p.where = local(p.validated.address);
  }
  return { probes, syncs: 1 };
}

/** One of ours on the whole body, with the plan's words and alert: putting it on again changes nothing. */
function sameList(p: Probe): boolean {
  if (p.holding !== "ours" || p.validated.isNullObject || p.validation.type === "MixedCriteria") return false;
  const style = p.rule.error.style === "stop" ? "Stop" : "Warning";
  return p.validation.rule?.list?.source === p.rule.source && p.validation.errorAlert?.style === style;
}

const described = (rule: ValidationRule) => `${rule.range} (${VALIDATION_LABEL[rule.field]})`;

/** Add the plan's lists: each replaces ours on its column; a column holding a rule of the user's is left alone. */
/**
 * `record`, when given, queues the caller's record of the lists (given how many went on) with the lists' own
 * sync, and the Change log's rows (given the lists that changed: not one of ours put on again as it was).
 */
export async function applyValidation(context: Excel.RequestContext, plan: ValidationPlan, queued?: QueuedProbe, record?: (added: number, changed: readonly string[]) => boolean): Promise<ValidationDoneInExcel> {
  const { probes, syncs } = await probe(context, plan.sheet, plan.rules, queued);
  const result: ValidationDoneInExcel = { sheet: plan.sheet, added: [], replaced: 0, removed: [], kept: [], dropped: [], syncs };
  const changed: string[] = [];
  for (const p of probes) {
    if (p.holding === "theirs") {
      result.kept.push({ range: p.rule.range, cells: p.where!, message: keptMessage(plan.sheet, p.rule, p.where!) });
      continue;
    }
    const v = p.validation;
    // Before the writes below: setting a property also sets what the client holds of it.
    if (!sameList(p)) changed.push(described(p.rule));
    // Our earlier list goes first: a rule is set on a range without one.
    if (p.holding === "ours") v.clear();
    v.rule = { list: { inCellDropDown: true, source: p.rule.source } };
    v.prompt = { showPrompt: true, title: p.rule.prompt.title, message: p.rule.prompt.message };
    v.errorAlert = { showAlert: true, style: p.rule.error.style === "stop" ? "Stop" : "Warning", title: p.rule.error.title, message: p.rule.error.message };
    v.ignoreBlanks = p.rule.ignoreBlanks;
    // A cell the plan leaves without the list (a status followed by a sentence): queued with the same sync.
    for (const cell of p.rule.except ?? []) context.workbook.worksheets.getItem(plan.sheet).getRange(cell).dataValidation.clear();
    result.added.push(described(p.rule));
    if (p.holding === "ours") result.replaced++;
    result.dropped.push(...p.rule.dropped);
  }
  record?.(result.added.length, changed);
  if (result.added.length) {
    await context.sync();
    result.syncs++;
  }
  return result;
}

/** Take away the add-in's lists from the tracker's columns; the user's own rules stay (a column mixing both is left alone). */
/** `record`, when given, queues the caller's record of the lists (given how many columns were left alone, and the lists taken away) with the removal's sync. */
export async function removeValidation(context: Excel.RequestContext, plan: ValidationPlan, queued?: QueuedProbe, record?: (kept: number, removed: readonly string[]) => boolean): Promise<ValidationDoneInExcel> {
  const { probes, syncs } = await probe(context, plan.sheet, plan.rules, queued);
  const result: ValidationDoneInExcel = { sheet: plan.sheet, added: [], replaced: 0, removed: [], kept: [], dropped: [], syncs };
  for (const p of probes) {
    if (p.holding === "ours") {
      p.validation.clear();
      result.removed.push(described(p.rule));
    } else if (p.holding === "theirs") {
      result.kept.push({
        range: p.rule.range,
        cells: p.where!,
        message: `${p.where} on "${plan.sheet}" ${/[,:]/.test(p.where!) ? "have" : "has"} a data-validation rule the add-in did not write, so nothing was removed from the ${VALIDATION_LABEL[p.rule.field]} column (${p.rule.range}).`,
      });
    }
  }
  // With nothing to remove, a sync only when the record changes (ours were removed by hand).
  const recorded = record?.(result.kept.length, result.removed) ?? false;
  if (result.removed.length || recorded) {
    await context.sync();
    result.syncs++;
  }
  return result;
}

/** What adding or removing the lists did, as the pane shows it. */
export function validationDone(v: ValidationDoneInExcel): ValidationDone {
  return { sheet: v.sheet, added: v.added, replaced: v.replaced, removed: v.removed, kept: v.kept.map((k) => ({ cells: k.cells, message: k.message })), dropped: v.dropped };
}
