/**
 * Apply the model's formatting plan in Excel: conditional formats on the data
 * body of the status/RAG/direction columns (never whole columns). Our rules are
 * recognised by the marker in their formula, so applying twice replaces them,
 * and removing takes away only ours. Three round trips, whatever the size;
 * two when the sheet has no custom rules to look into (Microsoft's client sends
 * no request for a sync with nothing queued, so none is counted); one fewer
 * when the list of rules came back with the caller's own round trip (the
 * pane's read of an unchanged tracker: queueRuleList).
 */
import { FIELD_LABEL, isOurRule } from "../model";
import type { FormattingPlan } from "../model";

export interface FormattingResult {
  removed: number;
  added: number;
  syncs: number;
}

/** Queue the listing of a sheet's rules (their types); it comes back with the caller's next sync. */
export function queueRuleList(sheet: Excel.Worksheet): Excel.ConditionalFormatCollection {
  const all = sheet.getRange().conditionalFormats;
  all.load("items/type");
  return all;
}

/**
 * Queue the deletion of the add-in's own rules on a sheet (2 round trips to find them; 1 when there is no custom rule;
 * one fewer each when `listed`, queueRuleList's list, has already come back with a sync of the caller's).
 */
async function deleteOurRules(context: Excel.RequestContext, sheet: Excel.Worksheet, listed?: Excel.ConditionalFormatCollection): Promise<{ removed: number; formulas: string[]; syncs: number }> {
  let syncs = 0;
  let all = listed;
  if (!all) {
    all = queueRuleList(sheet);
    await context.sync();
    syncs++;
  }
  const custom = all.items.filter((cf) => cf.type === "Custom");
  if (custom.length === 0) return { removed: 0, formulas: [], syncs };
  const rules = custom.map((cf) => {
    const rule = cf.customOrNullObject.rule;
    rule.load("formula");
    return rule;
  });
  await context.sync();
  syncs++;
  const formulas: string[] = [];
  custom.forEach((cf, i) => {
    if (!rules[i].isNullObject && isOurRule(rules[i].formula)) {
      cf.delete();
      formulas.push(rules[i].formula);
    }
  });
  return { removed: formulas.length, formulas, syncs };
}

/**
 * `record`, when given, queues a write of the caller's to go with the rules' own sync (the add-in's record
 * that its colours are there, or gone, and the Change log's rows); it is given the formulas of the add-in's
 * rules taken away, and says whether it queued anything.
 */
export async function applyFormatting(context: Excel.RequestContext, plan: FormattingPlan, listed?: Excel.ConditionalFormatCollection, record?: (removed: readonly string[]) => boolean): Promise<FormattingResult> {
  const sheet = context.workbook.worksheets.getItem(plan.sheet);
  const { removed, formulas, syncs } = await deleteOurRules(context, sheet, listed);
  // Added in reverse so that the plan's first rule ends with the highest priority (0).
  for (const rule of [...plan.rules].reverse()) {
    const cf = sheet.getRange(rule.range).conditionalFormats.add(Excel.ConditionalFormatType.custom);
    cf.custom.rule.formula = `=${rule.formula}`;
    cf.custom.format.fill.color = rule.colours.fill;
    cf.custom.format.font.color = rule.colours.font;
  }
  record?.(formulas);
  await context.sync();
  return { removed, added: plan.rules.length, syncs: syncs + 1 };
}

export async function removeFormatting(context: Excel.RequestContext, sheetName: string, listed?: Excel.ConditionalFormatCollection, record?: (removed: readonly string[]) => boolean): Promise<FormattingResult> {
  const sheet = context.workbook.worksheets.getItem(sheetName);
  const { removed, formulas, syncs } = await deleteOurRules(context, sheet, listed);
  // With nothing to delete, a sync only when the record said ours were there (they were removed by hand).
  const recorded = record?.(formulas) ?? false;
  if (removed === 0 && !recorded) return { removed, added: 0, syncs };
  await context.sync();
  return { removed, added: 0, syncs: syncs + 1 };
}

/** The ranges a formatting plan colours, each once, with what: "C5:C106 (Status)". */
export function rangesColoured(plan: FormattingPlan): string[] {
  return [...new Map(plan.rules.map((rule) => [`${rule.range}:${rule.field}`, `${rule.range} (${FIELD_LABEL[rule.field]})`])).values()];
}
