#!/usr/bin/env bash
# Regenerate the translation template from every widget's tr() strings (run after changing
# user-visible text in panel/ui). Entries no longer in the code are dropped.
set -euo pipefail
cd "$(dirname "$0")/.."
mapfile -t sources < <(find panel/ui -name '*.py' | sort)
# The sources come first: lupdate reads every word after -ts as a .ts file.
.venv/bin/pyside6-lupdate "${sources[@]}" -no-obsolete -ts resources/i18n/inference_panel_zh_CN.ts
