"""The GPU memory tab: one card of graphs per GPU, or a notice where there is none."""
