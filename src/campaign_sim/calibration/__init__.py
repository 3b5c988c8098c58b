"""Calibration: all uncertain parameters at once by ABC-SMC against the published figures.

``definition`` reads ``experiments/calibration.toml`` (method, priors, targets with their roles),
``statistics`` simulates one parameter set's figures (its scenarios as packs), ``method`` runs
pyabc's ABC-SMC with an SQLite history (so a killed run resumes), ``ensemble`` writes the
weighted ensemble and its provenance (``calibration/ensemble.csv`` and ``ensemble.json``).
"""
