"""Where the ``panel.resources`` files are, as a plain folder.

What the window needs before its first paint (its icon, translations, the bundled font)
reads this path rather than going through ``importlib.resources`` (3 ms of imports,
issue 15). Every way the panel runs keeps that package as a folder: the wheel, the
editable install (which maps it to the source tree's ``resources/``) and the PyInstaller
bundle (``<_internal>/panel/resources``).
"""

from importlib import import_module
from pathlib import Path

FOLDER = Path(import_module("panel.resources").__path__[0])
