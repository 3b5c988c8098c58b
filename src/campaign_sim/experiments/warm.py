"""Imported by the local pool's forkserver before it forks the workers (``executors``).

Loading it loads the model's compiled kernels (``model.compile_kernels``), so that every
worker forks with them in memory instead of loading them from numba's cache on its first
run (about 0.4 s a worker).
"""

from __future__ import annotations

from ..model import compile_kernels

#: seconds the forkserver spent loading (or, on a fresh machine, compiling) the kernels
SECONDS = compile_kernels()
