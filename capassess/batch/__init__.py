"""Batch scoring: read many units from CSV, XLSX or answers files, validate every cell,
score them all at once with numpy, rank them, and write scores and a portfolio report.

The flow, one module per step:

- ``sources`` opens each input (``csv_reader``, ``xlsx_reader``, ``answers_dir``) and
  yields ``Chunk``s of raw cells (``table``), a few thousand rows at a time.
- ``cells`` validates and scores each question column with the rules of
  ``values.parse_value`` and ``scoring.questions`` (lookup tables per distinct value),
  ``conditions`` applies ``when``, and ``vector`` rolls scores up the tree exactly as
  ``scoring.engine`` does.
- ``collect`` keeps the per-unit results and the rejected rows; ``ranking`` ranks them;
  ``portfolio`` aggregates them; ``outputs`` and ``xlsx_writer`` write the files;
  ``runner`` ties it together.

numpy and pyarrow are imported inside this package only, never on the start-up path of
other commands.
"""
