"""The models-on-disk tab."""
