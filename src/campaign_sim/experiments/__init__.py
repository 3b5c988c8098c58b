"""Virtual field experiments, sweeps and sensitivity analyses on the campaign model.

One module per job: ``definition`` (experiment files), ``design`` (design points),
``plan`` (run plans and arm assignment), ``runs`` (one run, aggregated), ``executors``
(this process, a local pool or Dask), ``store`` (resumable Parquet results and
manifest), ``stats`` and ``sensitivity`` (tables in, estimates out; no model),
``pipeline`` (the commands' jobs), ``figures``, ``narrative`` and ``report`` (the HTML
report).

Nothing is imported here, so that pool and Dask workers load only what a run needs.
"""
