/**
 * Apply the model's formatting plan in Excel: conditional formats on the data
 * body of the status/RAG/direction columns (never whole columns). Our rules are
 * recognised by the marker in their formula, so applying twice replaces them,
 * and removing takes away only ours. Three round trips, whatever the size.
 */
import { isOurRule } from "../model";
import type { FormattingPlan } from "../model";

export interface FormattingResult {
  removed: number;
  added: number;
  syncs: number;
}

/** Queue the deletion of the add-in's own rules on a sheet (2 round trips to find them). */
async function deleteOurRules(context: Excel.RequestContext, sheet: Excel.Worksheet): Promise<number> {
  const all = sheet.getRange().conditionalFormats;
  all.load("items/type");
  await context.sync();
  const custom = all.items.filter((cf) => cf.type === "Custom");
  const rules = custom.map((cf) => {
    const rule = cf.customOrNullObject.rule;
    rule.load("formula");
    return rule;
  });
  await context.sync();
  let removed = 0;
  custom.forEach((cf, i) => {
    if (!rules[i].isNullObject && isOurRule(rules[i].formula)) {
      cf.delete();
      removed++;
    }
  });
  return removed;
}

export async function applyFormatting(context: Excel.RequestContext, plan: FormattingPlan): Promise<FormattingResult> {
  const sheet = context.workbook.worksheets.getItem(plan.sheet);
  const removed = await deleteOurRules(context, sheet);
  // Added in reverse so that the plan's first rule ends with the highest priority (0).
  for (const rule of [...plan.rules].reverse()) {
    const cf = sheet.getRange(rule.range).conditionalFormats.add(Excel.ConditionalFormatType.custom);
    cf.custom.rule.formula = `=${rule.formula}`;
    cf.custom.format.fill.color = rule.colours.fill;
    cf.custom.format.font.color = rule.colours.font;
  }
  await context.sync();
  return { removed, added: plan.rules.length, syncs: 3 };
}

export async function removeFormatting(context: Excel.RequestContext, sheetName: string): Promise<FormattingResult> {
  const sheet = context.workbook.worksheets.getItem(sheetName);
  const removed = await deleteOurRules(context, sheet);
  await context.sync();
  return { removed, added: 0, syncs: 3 };
}
