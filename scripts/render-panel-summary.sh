#!/usr/bin/env bash
# Regenerates docs/images/panel-summary.png: the Panel Summary that
# `delivery-plan summary --out` writes for the Hertfordshire sample (compared
# with its June 2021 version), as LibreOffice Calc renders it.
#   scripts/render-panel-summary.sh            (needs soffice and pdftoppm)
set -euo pipefail
cd "$(dirname "$0")/.."
command -v soffice >/dev/null || { echo "soffice (LibreOffice) is not installed" >&2; exit 2; }
command -v pdftoppm >/dev/null || { echo "pdftoppm (poppler-utils) is not installed" >&2; exit 2; }
[ -f lib/cli/main.js ] || npm run build:cli >/dev/null

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# Built "on" 1 December 2021, so the image changes only when the summary does.
node -e '
const { run } = require("./lib/cli/run");
const args = process.argv.slice(1);
run(args, { out: () => undefined, err: (t) => console.error(t) }, new Date("2021-12-01T12:00:00Z")).then((code) => process.exit(code > 1 ? code : 0));
' summary samples/herts-delivery-plan-2021-22.xlsx \
  --previous samples/herts-delivery-plan-2021-06.xlsx --previous-label "June 2021" \
  --period "November 2021" --as-of 2021-11-30 \
  --organisation "Office of the Police and Crime Commissioner for Hertfordshire" \
  --out "$work/panel-summary.xlsx"
# Only the summary sheet is printed: the others are hidden in this throwaway copy.
# Its page is as written: landscape A4, one page wide (at 85% or more), shown at 80 dpi to stay legible.
node -e '
const ExcelJS = require("exceljs");
(async () => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(process.argv[1]);
  wb.worksheets.forEach((ws) => { if (ws.name !== "Panel Summary") ws.state = "hidden"; });
  const i = wb.worksheets.findIndex((ws) => ws.name === "Panel Summary");
  wb.views = [{ activeTab: i, firstSheet: i }];
  await wb.xlsx.writeFile(process.argv[1]);
})().catch((e) => { console.error(e.message); process.exit(1); });
' "$work/panel-summary.xlsx"
soffice -env:UserInstallation="file://$work/profile" --headless --convert-to pdf --outdir "$work" "$work/panel-summary.xlsx" >/dev/null 2>&1
mkdir -p docs/images
pdftoppm -png -r 80 -f 1 -l 1 -singlefile "$work/panel-summary.pdf" docs/images/panel-summary
echo "Wrote docs/images/panel-summary.png"
