"""A two-level process tree for GPU attribution tests: a "server" and its worker.

Run as ``python -c TREE_SCRIPT``: it starts a grandchild (the worker that would hold the
VRAM, like vLLM's engine core), prints the worker's pid, and both exit when the server's
stdin closes, so a test can end the tree without signals.
"""

TREE_SCRIPT = """
import subprocess, sys
worker = subprocess.Popen(
    [sys.executable, "-c", "import sys; sys.stdin.read()"], stdin=subprocess.PIPE
)
print(worker.pid, flush=True)
sys.stdin.read()
worker.stdin.close()
worker.wait()
"""
