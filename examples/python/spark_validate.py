"""Validate a Parquet dataset of demandes with PySpark (``mapInArrow``), on every executor.

    python examples/python/spark_validate.py [DATASET] [--at YYYY-MM-DD] [--rows N]

DATASET is a Parquet file or directory whose columns are the collection file's
(``procedure``, ``rpps``, ``etat_civil.nom_naissance``…, docs/domain.md §4.6). Without it, a
synthetic dataset of N demandes (default 10 000) is written to a temporary directory by
``scripts/gen_demandes_csv.py``.

Spark hands each partition to ``rppsplus.arrow`` as Arrow record batches (``mapInArrow``):
no row becomes a Python object. ``arrow.validate`` gives the findings of a batch with the
row's index in the batch, mapped back to the dataset's own key; ``arrow.check`` checks one
column of identifiers. The script prints the counts by code and a few findings. A
``duplicate`` (the same person or RPPS number twice) is found within a batch: Spark hands the
batches over apart, so rows of two batches are not compared.

It runs Spark in local mode (``local[2]``). On a cluster the same functions run on the
executors, which need rppsplus installed (README, "Python on a Spark cluster").
"""

from __future__ import annotations

import argparse
import csv
import os
import subprocess
import sys
import tempfile
import time
import warnings
from collections.abc import Iterator
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pa_csv
import pyarrow.parquet as pq

import rppsplus
from rppsplus import arrow

GENERATOR = Path(__file__).resolve().parents[2] / "scripts" / "gen_demandes_csv.py"
KEY = "_row"
FINDINGS = f"{KEY} long, path string, code string, severity string, message string"


def sample_dataset(directory: Path, rows: int) -> Path:
    """A synthetic collection of `rows` demandes (``scripts/gen_demandes_csv.py``: each of
    another person, ~90 % valid), as a Parquet dataset of 4 files of text columns."""
    written = directory / "demandes.csv"
    subprocess.run([sys.executable, str(GENERATOR), "--rows", str(rows), "--out", str(written)], check=True)
    with written.open(encoding="utf-8") as f:
        header = next(csv.reader(f, delimiter=";"))
    table = pa_csv.read_csv(
        written,
        parse_options=pa_csv.ParseOptions(delimiter=";"),
        convert_options=pa_csv.ConvertOptions(column_types=dict.fromkeys(header, pa.string()), strings_can_be_null=True),
    )
    out = directory / "demandes.parquet"
    out.mkdir()
    step = -(-rows // 4)
    for part, start in enumerate(range(0, rows, step)):
        pq.write_table(table.slice(start, step), out / f"part-{part}.parquet")
    return out


def spark_name(column: str, back: bool = False) -> str:
    """A column name without dots for Spark, which reads ``a.b`` as the field ``b`` of a
    struct ``a`` (and back)."""
    return column.replace("__", ".") if back else column.replace(".", "__")


def validate_batches(at: str):
    """The mapInArrow function: the findings of each batch of demandes, keyed by `KEY`."""

    def findings(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        for batch in batches:
            keys = batch.column(KEY)
            demandes = batch.drop_columns([KEY])
            demandes = demandes.rename_columns([spark_name(c, back=True) for c in demandes.schema.names])
            found = pa.record_batch(arrow.validate(demandes, reference_date=at))
            # Findings about the columns (row null) are the schema's: reported once, by the driver.
            found = found.filter(pc.is_valid(found.column("row")))
            yield pa.RecordBatch.from_arrays(
                [pc.take(keys, found.column("row"))] + [found.column(c) for c in ("path", "code", "severity", "message")],
                names=[KEY, "path", "code", "severity", "message"],
            )

    return findings


def check_rpps(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
    """The mapInArrow function that checks the column ``rpps``: its ``valid`` and ``code``."""
    for batch in batches:
        result = pa.array(arrow.check("rpps", batch.column("rpps")))
        yield pa.RecordBatch.from_arrays([result.field("valid"), result.field("code")], names=["valid", "code"])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dataset", nargs="?", type=Path, help="a Parquet file or directory")
    parser.add_argument("--at", default="2026-11-22", help="reference date YYYY-MM-DD")
    parser.add_argument("--rows", type=int, default=10_000, help="rows of the synthetic dataset")
    args = parser.parse_args()

    # The executors' Python is this one, where rppsplus is installed.
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    # mapInArrow hands Arrow batches over without pandas, whose version PySpark checks anyway.
    warnings.filterwarnings("ignore", message="PySpark does not yet fully support pandas")
    from pyspark.sql import SparkSession
    from pyspark.sql import functions as F

    with tempfile.TemporaryDirectory() as tmp:
        dataset = args.dataset or sample_dataset(Path(tmp), args.rows)
        spark = (
            SparkSession.builder.master("local[2]")
            .appName("rppsplus")
            .config("spark.ui.enabled", "false")
            .config("spark.ui.showConsoleProgress", "false")
            .config("spark.sql.shuffle.partitions", "2")
            .getOrCreate()
        )
        spark.sparkContext.setLogLevel("ERROR")
        try:
            start = time.perf_counter()
            demandes = spark.read.parquet(str(dataset))
            schema = pa.schema([(name, pa.string()) for name in demandes.columns])
            for f in pa.table(arrow.validate(schema.empty_table())).to_pylist():
                print(f"dataset: {f['message_en']}")
            keyed = demandes.toDF(*[spark_name(c) for c in demandes.columns])
            keyed = keyed.withColumn(KEY, F.monotonically_increasing_id())
            findings = keyed.mapInArrow(validate_batches(args.at), FINDINGS).cache()
            total = demandes.count()
            invalid = findings.where("severity = 'error'").select(KEY).distinct().count()
            print(f"{dataset.name}: {total} demandes, {total - invalid} valid, {invalid} invalid")
            by_code = findings.groupBy("code").count().orderBy("code").collect()
            print("findings by code: " + ", ".join(f"{r['code']} {r['count']}" for r in by_code))
            for r in findings.orderBy(KEY, "path").limit(3).collect():
                print(f"  row {r[KEY]}: {r['path']}: {r['code']} ({r['message']})")
            rpps = demandes.select("rpps").mapInArrow(check_rpps, "valid boolean, code string")
            counts = rpps.groupBy("valid", "code").count().orderBy("code").collect()
            # A valid value has no code, an empty cell gives a null row.
            shown = [f"{r['code'] or ('valid' if r['valid'] else 'empty')} {r['count']}" for r in counts]
            print("rpps column: " + ", ".join(shown))
            print(f"spark time: {time.perf_counter() - start:.1f} s (rppsplus {rppsplus.__version__})")
        finally:
            spark.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
