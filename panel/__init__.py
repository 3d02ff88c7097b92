"""Inference Panel: a desktop control panel for local AI inference servers."""

__version__ = "0.1.0"
