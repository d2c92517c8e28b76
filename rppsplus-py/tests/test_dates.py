"""Every argument that takes a date reads it the same way: a ``datetime.date`` (a
``datetime.datetime`` is one: its own date), or an ISO ``"YYYY-MM-DD"`` string parsed by the
core's one parser; an optional date left ``None`` is today in UTC."""

from __future__ import annotations

import ast
import datetime
import json
import re
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import rppsplus
from rppsplus import arrow
from rppsplus import nomenclature as nom

ROOT = Path(__file__).resolve().parents[2]
DEMANDES_CSV = ROOT / "examples" / "data" / "demandes.csv"
STUB = Path(rppsplus.__file__).parent / "_rppsplus.pyi"

# Profession 323 ended on 2025-12-22 (replaced by 328), mode d'exercice I began on
# 2026-02-02: a date between 2025-01-01 and 2026-11-23 decides the answers.
ENDED = json.loads((ROOT / "examples" / "data" / "demandes.json").read_text(encoding="utf-8"))[0]
ENDED["situation"]["profession"] = "323"


def flat(demande: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    """A demande as a row of the collection file's columns (prénoms separated by ``,``)."""
    row: dict[str, Any] = {}
    for key, value in demande.items():
        if isinstance(value, dict):
            row.update(flat(value, f"{prefix}{key}."))
        else:
            row[prefix + key] = ",".join(value) if isinstance(value, list) else value
    return row


def arrow_deprecated(at: Any) -> bool:
    """Whether arrow.validate finds 323 ended at `at` (pyarrow: a test dependency)."""
    pa = pytest.importorskip("pyarrow")
    table = pa.table({k: [v] for k, v in flat(ENDED).items()})
    return "code_deprecated" in pa.table(arrow.validate(table, reference_date=at)).column("code").to_pylist()


def deprecated(report: rppsplus.Report) -> bool:
    return any(f.code == "code_deprecated" for f in report.findings)


def code_323() -> rppsplus.nomenclature.Code:
    code = nom.get("profession", "323")
    assert code is not None
    return code


def template_without_323(at: Any) -> bool:
    """Whether the template's profession dropdown, made at `at`, no longer offers 323."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "recueil.xlsx"
        rppsplus.template(path, "xlsx", at)
        with zipfile.ZipFile(path) as xlsx:
            return "<t>323 - " not in xlsx.read("xl/sharedStrings.xml").decode()


# Each function taking a date: how to call it with one, and whether 323 is ended then.
CALLS: dict[str, Callable[[Any], bool]] = {
    "validate.reference_date": lambda at: deprecated(rppsplus.validate(ENDED, reference_date=at)),
    "validate_many.reference_date": lambda at: deprecated(rppsplus.validate_many([ENDED], reference_date=at)[0]),
    "validate_csv.reference_date": lambda at: any(
        f.code == "code_deprecated" for _, r in rppsplus.validate_csv(DEMANDES_CSV, reference_date=at) for f in r
    ),
    "iter_csv.reference_date": lambda at: any(
        f.code == "code_deprecated" for _, r in rppsplus.iter_csv(DEMANDES_CSV, reference_date=at) for f in r
    ),
    "arrow_validate.reference_date": arrow_deprecated,
    "template.at": template_without_323,
    "nomenclature_check.at": lambda at: _raises(lambda: nom.check("TRE_R85", "323", at=at)),
    "nomenclature_lookup.at": lambda at: nom.lookup("profession", "323", at=at).entries[0].status == "deprecated",
    "ValueSet.check.at": lambda at: not _raises(lambda: nom.value_set("mode-exercice").check("I", at)),
    "Code.is_valid_at.at": lambda at: not code_323().is_valid_at(at),
    "Code.is_ended_at.at": lambda at: code_323().is_ended_at(at),
    "nomenclature_list.at": lambda at: "323" not in [e.code for e in nom.list("TRE_R85", at=at)],
    "Table.in_force_at.at": lambda at: "323" not in [c.code for c in nom.table("TRE_R85").in_force_at(at)],
    # TRE_R85's one embedded version dates from 2026-05-05: before it, it stands in.
    "Table.version_at.at": lambda at: not nom.table("TRE_R85").version_at(at).earliest_stands_in,
    # JDV_J121's version of 2025-12-22 no longer lists 323.
    "ValueSet.members_at.at": lambda at: "323" not in nom.value_set("JDV_J121").members_at(at),
    "ValueSet.offered_at.at": lambda at: "323" not in [c.code for c in nom.value_set("JDV_J121").offered_at(at)],
    "ValueSet.version_at.at": lambda at: nom.value_set("JDV_J121").version_at(at).date >= datetime.date(2025, 12, 22),
}


def _raises(call: Callable[[], object]) -> bool:
    """Whether `call` refuses a code at its date (ended, or not yet offered)."""
    try:
        call()
    except (rppsplus.CodeDeprecated, rppsplus.CodeNotAllowed):
        return True
    return False


def date_parameters() -> dict[str, str]:
    """Every parameter of the stub typed with ``datetime.date``: ``name.param`` → annotation."""
    found = {}
    for node in ast.walk(ast.parse(STUB.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ClassDef):
            for item in node.body:
                if isinstance(item, ast.FunctionDef):
                    found.update(_dates(f"{node.name}.{item.name}", item))
        elif isinstance(node, ast.FunctionDef) and node.col_offset == 0:
            found.update(_dates(node.name, node))
    return found


def _dates(name: str, fn: ast.FunctionDef) -> dict[str, str]:
    params = fn.args.posonlyargs + fn.args.args + fn.args.kwonlyargs
    return {
        f"{name}.{p.arg}": ast.unparse(p.annotation)
        for p in params
        if p.annotation is not None and re.search(r"\bdatetime\.date\b(?!time)", ast.unparse(p.annotation))
    }


def test_every_date_argument_is_tested_and_takes_the_same_types() -> None:
    params = date_parameters()
    assert set(params) == set(CALLS)
    for name, annotation in params.items():
        assert annotation in ("datetime.date | str", "datetime.date | str | None"), name


@pytest.mark.parametrize("name", sorted(CALLS))
def test_the_forms_of_a_date(name: str) -> None:
    call = CALLS[name]
    for before in (datetime.date(2025, 1, 1), "2025-01-01", datetime.datetime(2025, 1, 1, 23, 59)):
        assert not call(before), before
    for after in (datetime.date(2026, 11, 23), "2026-11-23", datetime.datetime(2026, 11, 23, 0, 1)):
        assert call(after), after


@pytest.mark.parametrize("name", sorted(CALLS))
@pytest.mark.parametrize("text", ["2026-1-5", " 2026-11-23", "+2026-11-23", "2026-11-23T00:00", "2026-02-30", "23/11/2026", ""])
def test_only_the_cores_iso_form(name: str, text: str) -> None:
    with pytest.raises(ValueError, match=r"not a calendar date written YYYY-MM-DD"):
        CALLS[name](text)


@pytest.mark.parametrize("name", sorted(CALLS))
@pytest.mark.parametrize("bad", [20261123, datetime.time(12), b"2026-11-23"])
def test_other_types_are_type_errors(name: str, bad: object) -> None:
    with pytest.raises(TypeError, match="must be datetime.date"):
        CALLS[name](bad)


@pytest.mark.parametrize("name", sorted(n for n, a in date_parameters().items() if a.endswith("None")))
def test_none_is_today_in_utc(name: str) -> None:
    before = datetime.datetime.now(datetime.timezone.utc).date()
    got = CALLS[name](None)
    after = datetime.datetime.now(datetime.timezone.utc).date()
    assert got in {CALLS[name](before), CALLS[name](after)}
