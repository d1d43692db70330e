#!/usr/bin/env bash
# Installs everything the project needs on a Debian machine, idempotently:
# Debian packages (as root), the virtual environment, pinned Python packages.
set -euo pipefail
cd "$(dirname "$0")/.."

# command that must exist -> Debian package that provides it
declare -A APT_FOR_COMMAND=(
  [fc-list]=fontconfig
  [tesseract]=tesseract-ocr
  [soffice]=libreoffice-writer-nogui
  [pg_ctlcluster]=postgresql  # a real PostgreSQL server for the export tests (started by the tests themselves)
  [dot]=graphviz  # the legal-basis graphs of `vanban report`
  [chromium]=chromium  # the report test drives the site in headless Chromium
  [chromedriver]=chromium-driver
)
# files that must exist -> Debian package that provides them
declare -A APT_FOR_FILE=(
  [/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf]=fonts-dejavu-core
  [/usr/share/tesseract-ocr/5/tessdata/vie.traineddata]=tesseract-ocr-vie
  [/usr/share/tesseract-ocr/5/tessdata/osd.traineddata]=tesseract-ocr-osd
)

missing=()
python3 -m venv --help >/dev/null 2>&1 || missing+=(python3 python3-venv python3-pip)
for cmd in "${!APT_FOR_COMMAND[@]}"; do
  command -v "$cmd" >/dev/null 2>&1 || missing+=("${APT_FOR_COMMAND[$cmd]}")
done
for file in "${!APT_FOR_FILE[@]}"; do
  [ -e "$file" ] || missing+=("${APT_FOR_FILE[$file]}")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing Debian packages: ${missing[*]}"
  if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}"
fi

PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -r requirements.lock
.venv/bin/python -m pip install -q --no-deps -e .
echo "setup: done"
