#!/usr/bin/env bash
# Pictures of the CLI's drop-down lists as LibreOffice Calc shows them, for the README:
#   docs/images/validation-list.png     a status cell's drop-down open (Alt+Down), with the input message
#   docs/images/validation-warning.png  the warning after typing "Done" into a status cell
# LibreOffice's PDF export does not draw drop-downs or messages, so this runs Calc's own window on
# a virtual screen (Xvfb), drives it with xdotool and takes screenshots with xwd. Not part of npm test.
# Needs: soffice, and apt-get install -y --no-install-recommends xvfb xdotool x11-apps netpbm
# Run from the repository after `npm run build:cli`.
set -euo pipefail

for tool in soffice Xvfb xdotool xwd xwdtopnm pamcut pnmtopng; do
  command -v "$tool" >/dev/null || { echo "render-validation-dropdown: $tool is missing (apt-get install -y --no-install-recommends xvfb xdotool x11-apps netpbm libreoffice-calc)" >&2; exit 2; }
done

root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
display=":$(( (RANDOM % 400) + 100 ))"
xvfb_pid=""
office_pid=""
cleanup() {
  [ -n "$office_pid" ] && kill "$office_pid" 2>/dev/null || true
  [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

node "$root/lib/cli/main.js" format "$root/samples/herts-delivery-plan-2021-22.xlsx" --out "$work/herts-lists.xlsx" --validation >/dev/null

Xvfb "$display" -screen 0 1280x900x24 >/dev/null 2>&1 &
xvfb_pid=$!
export DISPLAY="$display"
sleep 2
soffice --calc "-env:UserInstallation=file://$work/profile" --norestore --nologo "$work/herts-lists.xlsx" >/dev/null 2>&1 &
office_pid=$!

window=""
for _ in $(seq 1 60); do
  window="$(xdotool search --name "herts-lists.xlsx - LibreOffice Calc" 2>/dev/null | head -1 || true)"
  [ -n "$window" ] && break
  sleep 1
done
[ -n "$window" ] || { echo "render-validation-dropdown: LibreOffice Calc's window did not appear" >&2; exit 1; }
sleep 3
xdotool windowsize "$window" 1280 900
xdotool windowmove "$window" 0 0
sleep 1

shot() { xwd -root -silent | xwdtopnm 2>/dev/null | pamcut -left "$1" -top "$2" -width "$3" -height "$4" | pnmtopng > "$5"; }

# The Name Box (top left), then C10: "In progress", the status of action 6.
xdotool mousemove 60 89 click --repeat 3 1
sleep 0.5
xdotool type --delay 50 "C10"
xdotool key Return
sleep 1.5
xdotool key alt+Down
sleep 1.5
shot 0 105 1100 600 "$root/docs/images/validation-list.png"

# Close the list, move to C11 and type a word that is not in it (AutoInput would complete "Complete").
xdotool key Escape
sleep 0.5
xdotool key Down
sleep 1
xdotool type --delay 60 "Done"
xdotool key Return
sleep 2
shot 0 300 1100 440 "$root/docs/images/validation-warning.png"
xdotool key Escape
echo "wrote docs/images/validation-list.png and docs/images/validation-warning.png"
