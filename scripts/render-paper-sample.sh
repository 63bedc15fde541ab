#!/usr/bin/env bash
# Renders docs/images/paper-first-page.png and docs/images/paper-appendix.png: the
# panel paper of the Hertfordshire sample against June 2021, as LibreOffice Writer
# lays out the .docx (first page, and the first landscape page of Appendix 1).
#   scripts/render-paper-sample.sh          (needs a built CLI, soffice with Writer, and poppler-utils)
set -euo pipefail
cd "$(dirname "$0")/.."
command -v pdftoppm >/dev/null || { echo "pdftoppm (poppler-utils) is not installed" >&2; exit 2; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
node lib/cli/main.js report samples/herts-delivery-plan-2021-22.xlsx --previous samples/herts-delivery-plan-2021-06.xlsx \
  --organisation "Hertfordshire OPCC" --as-of 2021-11-30 --out "$work/paper.docx" >/dev/null
soffice "-env:UserInstallation=file://$work/profile" --headless --convert-to pdf --outdir "$work" "$work/paper.docx" >/dev/null 2>&1
# The appendix starts on the first landscape page.
pages=$(pdfinfo "$work/paper.pdf" | awk '/^Pages:/ {print $2}')
appendix=$(pdfinfo -f 1 -l "$pages" "$work/paper.pdf" | awk '/^Page +[0-9]+ size:/ { if ($4 > $6) { print $2; exit } }')
pdftoppm -png -r 60 -f 1 -l 1 -singlefile "$work/paper.pdf" docs/images/paper-first-page
pdftoppm -png -r 60 -f "$appendix" -l "$appendix" -singlefile "$work/paper.pdf" docs/images/paper-appendix
echo "wrote docs/images/paper-first-page.png and docs/images/paper-appendix.png (appendix from page $appendix of $pages)"
