"""The application's identity on the desktop, apart from the launcher's installer: the
window sets both before its first paint, without loading what installing needs."""

from __future__ import annotations

APP_ID = "io.github.inference_panel.InferencePanel"
APP_NAME = "Inference Panel"
