#!/usr/bin/env bash
# Renders the panel paper's pictures in docs/images, as LibreOffice Writer lays out the .docx:
#   paper-first-page.png  the first page of Cambridgeshire's paper, with the words of its own paper of
#                         14 November 2018 (samples/cambs-paper-settings.json);
#   paper-exceptions.png  the page of the Hertfordshire paper (against June 2021) with its Exceptions;
#   paper-appendix.png    the last page of the Hertfordshire paper's Appendix 1.
#   scripts/render-paper-sample.sh          (needs a built CLI, soffice with Writer, and poppler-utils)
set -euo pipefail
cd "$(dirname "$0")/.."
command -v pdftoppm >/dev/null || { echo "pdftoppm (poppler-utils) is not installed" >&2; exit 2; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
node lib/cli/main.js report samples/cambs-delivery-plan-2018-11.xlsx --paper-settings samples/cambs-paper-settings.json \
  --out "$work/cambs.docx" >/dev/null
node lib/cli/main.js report samples/herts-delivery-plan-2021-22.xlsx --previous samples/herts-delivery-plan-2021-06.xlsx \
  --paper-settings samples/herts-paper-settings.json --as-of 2021-11-30 --out "$work/herts.docx" >/dev/null
soffice "-env:UserInstallation=file://$work/profile" --headless --convert-to pdf --outdir "$work" "$work/cambs.docx" "$work/herts.docx" >/dev/null 2>&1
pages=$(pdfinfo "$work/herts.pdf" | awk '/^Pages:/ {print $2}')
# The page whose text has the Exceptions heading ("5. Exceptions").
exceptions=$(for p in $(seq 1 "$pages"); do pdftotext -f "$p" -l "$p" "$work/herts.pdf" - | grep -qE '^[0-9]+\. Exceptions$' && { echo "$p"; break; }; done)
pdftoppm -png -r 60 -f 1 -l 1 -singlefile "$work/cambs.pdf" docs/images/paper-first-page
pdftoppm -png -r 60 -f "$exceptions" -l "$exceptions" -singlefile "$work/herts.pdf" docs/images/paper-exceptions
pdftoppm -png -r 60 -f "$pages" -l "$pages" -singlefile "$work/herts.pdf" docs/images/paper-appendix
echo "wrote docs/images/paper-first-page.png, paper-exceptions.png (page $exceptions) and paper-appendix.png (page $pages of $pages)"
