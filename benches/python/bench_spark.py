"""Benchmark: PySpark in local mode, rppsplus through ``mapInArrow`` against a Python UDF of
python-stdnum, on the same Parquet dataset, in one run.

Installs nothing: expects ``rppsplus`` (the built wheel), ``pyspark``, ``pyarrow`` and
``stdnum`` to be importable, and Java (``scripts/test-python.sh`` installs them in its venv,
``scripts/test.sh`` installs Java). Usage::

    python benches/python/bench_spark.py [N] [--repeat R]

The dataset: N demandes (default 1 000 000) of the sample collection repeated, as Parquet,
whose ``rpps`` column holds the RPPS numbers of ``bench_check.py`` (~90 % valid). Each job is
timed R times (best kept) after one warm-up run, Spark started once (``local[2]``):

- ``rpps`` checked by ``rppsplus.arrow.check`` in ``mapInArrow`` (``check_rpps`` of
  ``examples/python/spark_validate.py``), counting the invalid values;
- the same count with ``F.udf(stdnum.luhn.is_valid)``, a row-at-a-time Python UDF;
- every demande validated by ``rppsplus.arrow.validate`` in ``mapInArrow`` (the example's
  job), counting the findings: python-stdnum has no equivalent.

Prints numbers; asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
import warnings
from collections.abc import Callable
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "examples" / "python"))
sys.path.insert(0, str(ROOT / "benches" / "python"))

import spark_validate  # noqa: E402 (the example's mapInArrow functions)
from bench_check import make_values  # noqa: E402


def best(fn: Callable[[], object], repeat: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
    return min(times), result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", nargs="?", type=int, default=1_000_000, help="demandes (default 1000000)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per job, best kept (default 3)")
    args = parser.parse_args()

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    warnings.filterwarnings("ignore", message="PySpark does not yet fully support pandas")
    from pyspark.sql import SparkSession
    from pyspark.sql import functions as F
    from pyspark.sql.types import BooleanType
    from stdnum import luhn

    with tempfile.TemporaryDirectory() as tmp:
        sample = pq.read_table(spark_validate.sample_dataset(Path(tmp), args.n))
        rpps = pa.array(make_values(args.n))
        table = sample.set_column(sample.schema.get_field_index("rpps"), "rpps", rpps)
        dataset = Path(tmp) / "bench.parquet"
        dataset.mkdir()
        step = -(-args.n // 4)
        for part, start in enumerate(range(0, args.n, step)):
            pq.write_table(table.slice(start, step), dataset / f"part-{part}.parquet")
        spark = (
            SparkSession.builder.master("local[2]")
            .config("spark.ui.enabled", "false")
            .config("spark.ui.showConsoleProgress", "false")
            .getOrCreate()
        )
        spark.sparkContext.setLogLevel("ERROR")
        spark.sparkContext.addPyFile(spark_validate.__file__)  # its functions, for the workers
        try:
            demandes = spark.read.parquet(str(dataset))
            column = demandes.select("rpps")
            is_valid = F.udf(lambda v: v is not None and luhn.is_valid(v), BooleanType())
            keyed = demandes.toDF(*[spark_validate.spark_name(c) for c in demandes.columns])
            keyed = keyed.withColumn(spark_validate.KEY, F.monotonically_increasing_id())
            jobs = [
                (
                    "rppsplus.arrow.check in mapInArrow",
                    lambda: column.mapInArrow(spark_validate.check_rpps, "valid boolean, code string")
                    .where("not valid")
                    .count(),
                ),
                ("python-stdnum luhn.is_valid in a Python UDF", lambda: column.where(~is_valid("rpps")).count()),
                (
                    "rppsplus.arrow.validate in mapInArrow (demandes)",
                    lambda: keyed.mapInArrow(spark_validate.validate_batches("2026-11-22"), spark_validate.FINDINGS).count(),
                ),
            ]
            print(f"pyspark {spark.version}, local[2], {args.n:,} rows, best of {args.repeat}")
            for _, job in jobs:
                job()  # warm-up: the Python workers start, the dataset is read once
            timed = [(what, *best(job, args.repeat)) for what, job in jobs]
            base = timed[1][1]
            for what, t, count in timed:
                print(f"{what:50} {t:7.2f} s  {base / t:5.1f}x the UDF  (count {count:,})")
        finally:
            spark.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
