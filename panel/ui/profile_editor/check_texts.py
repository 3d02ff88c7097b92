"""The texts of :mod:`panel.core.profile_editor.profile_checks`, listed for translators.

The core writes its checks in English; lupdate finds them here, under the context the
editor translates them in ("ProfileChecks"). A test keeps this list complete.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

CHECK_TEXTS = (
    QT_TRANSLATE_NOOP("ProfileChecks", "{problem}"),
    QT_TRANSLATE_NOOP("ProfileChecks", "Enter the server's address, e.g. http://192.168.1.20:8080"),
    QT_TRANSLATE_NOOP("ProfileChecks", "This model has a problem: {problem}"),
    QT_TRANSLATE_NOOP(
        "ProfileChecks", "Enter the address to listen on (127.0.0.1 keeps it on this machine)."
    ),
    QT_TRANSLATE_NOOP(
        "ProfileChecks",
        "{host} listens on every network interface: the server is reachable from other machines. The launch commands the default profiles come from bound 0.0.0.0 too; 127.0.0.1 keeps the server on this machine.",
    ),
    QT_TRANSLATE_NOOP(
        "ProfileChecks",
        "Profile “{name}” uses port {port} too: the two cannot run at the same time.",
    ),
    QT_TRANSLATE_NOOP(
        "ProfileChecks",
        "Port {port} is in use right now (by another program, or by this profile's running server). “Next free” finds another.",
    ),
    QT_TRANSLATE_NOOP(
        "ProfileChecks", "One flag per row: put the value of “{flag}” in the Value column."
    ),
    QT_TRANSLATE_NOOP("ProfileChecks", "{flags} usually takes a value."),
    QT_TRANSLATE_NOOP(
        "ProfileChecks", "{flag} is given more than once; the engine uses the last one."
    ),
    QT_TRANSLATE_NOOP(
        "ProfileChecks",
        "“{name}” is not a variable name: use letters, digits and _, and do not start with a digit.",
    ),
    QT_TRANSLATE_NOOP("ProfileChecks", "The options cannot be split into words: {error}."),
    QT_TRANSLATE_NOOP("ProfileChecks", "Give the profile a name."),
    QT_TRANSLATE_NOOP("ProfileChecks", "Runs inside the image, started by {runtime}"),
    QT_TRANSLATE_NOOP("ProfileChecks", "Found at {path}"),
    QT_TRANSLATE_NOOP("ProfileChecks", "The port must be between 1 and 65535."),
    QT_TRANSLATE_NOOP(
        "ProfileChecks", "Ports below 1024 need administrator rights on most systems."
    ),
    QT_TRANSLATE_NOOP("ProfileChecks", "List the GPUs by number, e.g. 0 or 0,1."),
    QT_TRANSLATE_NOOP(
        "ProfileChecks", "{problem}. Write one mount per line as HOST_PATH:CONTAINER_PATH."
    ),
    QT_TRANSLATE_NOOP(
        "ProfileChecks",
        "The panel runs the container in the foreground without a terminal: -d, -i and -t would break its log and stop handling.",
    ),
    QT_TRANSLATE_NOOP("ProfileChecks", "Enter the image to run."),
    QT_TRANSLATE_NOOP("ProfileChecks", "Enter the name of the variable that holds the key."),
    QT_TRANSLATE_NOOP("ProfileChecks", "Another profile is already named “{name}”."),
    QT_TRANSLATE_NOOP("ProfileChecks", "Choose the program that runs this server."),
    QT_TRANSLATE_NOOP("ProfileChecks", "{exe} does not exist or is not executable — {hint}"),
    QT_TRANSLATE_NOOP("ProfileChecks", "{exe} not found on PATH — {hint}"),
    QT_TRANSLATE_NOOP("ProfileChecks", "{host} is not an address of this machine."),
    QT_TRANSLATE_NOOP("ProfileChecks", "{name} is set twice."),
    QT_TRANSLATE_NOOP(
        "ProfileChecks",
        "{name} holds the API key: use the API key field on the General tab, so the key stays out of the config file.",
    ),
    QT_TRANSLATE_NOOP("ProfileChecks", "Choose the file that holds the key."),
    QT_TRANSLATE_NOOP("ProfileChecks", "This engine does not check keys; the panel only sends it."),
    QT_TRANSLATE_NOOP(
        "ProfileChecks", "Anyone on the network can use this server: consider an API key."
    ),
)
