#!/usr/bin/env bash
# Regenerate the translation catalogues from the code, then compile them for Qt.
#
#   lupdate: every self.tr()/QCoreApplication.translate() of panel/ui and every
#            translate()/QT_TRANSLATE_NOOP() of panel/core and panel/cli (panel/core/i18n.py)
#            goes into resources/i18n/inference_panel_<lang>.ts; new strings come in as
#            "unfinished", strings gone from the code are dropped (-no-obsolete).
#   lrelease: the .ts becomes the .qm the window's QTranslator loads (committed, so a
#            venv, a wheel and the PyInstaller bundle all have it; tests/test_translations.py
#            checks it matches the .ts). The core reads the .ts itself.
#
# Then: .venv/bin/python scripts/translate_status.py lists what is left to translate
# (docs/i18n.md, "The last strings").
set -euo pipefail
cd "$(dirname "$0")/.."
mapfile -t sources < <(find panel/ui panel/core panel/cli -name '*.py' | sort)
for ts in resources/i18n/inference_panel_*.ts; do
    # The sources come first: lupdate reads every word after -ts as a .ts file.
    .venv/bin/pyside6-lupdate -silent "${sources[@]}" -no-obsolete -locations absolute -ts "$ts"
    .venv/bin/pyside6-lrelease -silent "$ts" -qm "${ts%.ts}.qm"
done
