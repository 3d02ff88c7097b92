"""Models on disk: discovery, GGUF headers, and whether a model fits in memory."""
