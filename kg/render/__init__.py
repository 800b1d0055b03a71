"""Products written from the store: the workload report (``kg.render.report``),
its charts (``kg.render.charts``) and the graph page (``kg.render.viz``).
Modules here read the store only; each exposes ``write_products(store, output_dir)``
for ``kg run`` where it writes files."""
