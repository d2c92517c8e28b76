"""The stub ``_rppsplus.pyi`` as installed: its ``Literal`` types are the core's lists, and it
carries the docstrings of the native module (editors read the stub)."""

from __future__ import annotations

import ast
import inspect
import sys
from pathlib import Path

import rppsplus
from rppsplus import _rppsplus as native
from rppsplus import nomenclature as nom

ROOT = Path(__file__).resolve().parents[2]
STUB = Path(rppsplus.__file__).parent / "_rppsplus.pyi"

# The Literal aliases of the stub and the tuples of the core's names they must equal.
ALIASES = {
    "_Kind": rppsplus.KINDS,
    "_FindingCode": rppsplus.FINDING_CODES,
    "_Stage": rppsplus.STAGES,
    "_Actor": rppsplus.ACTORS,
    "_Severity": rppsplus.SEVERITIES,
    "_Generation": rppsplus.GENERATIONS,
    "_CardType": rppsplus.CARD_TYPES,
    "_CardErrorCode": rppsplus.CARD_ERROR_CODES,
    "_Event": rppsplus.EVENTS,
    "_Status": rppsplus.STATUSES,
    "_WorkflowErrorCode": rppsplus.WORKFLOW_ERROR_CODES,
    "_Durability": rppsplus.DURABILITIES,
    "_SheetFormat": rppsplus.SHEET_FORMATS,
}


def tree() -> ast.Module:
    return ast.parse(STUB.read_text(encoding="utf-8"))


def literal_args(node: ast.Subscript) -> tuple[object, ...]:
    items = node.slice.elts if isinstance(node.slice, ast.Tuple) else [node.slice]
    return tuple(ast.literal_eval(item) for item in items)


def is_literal(node: ast.AST) -> bool:
    return isinstance(node, ast.Subscript) and isinstance(node.value, ast.Name) and node.value.id == "Literal"


def test_the_literal_aliases_are_the_cores_lists() -> None:
    aliases = {
        n.target.id: n.value
        for n in tree().body
        if isinstance(n, ast.AnnAssign) and isinstance(n.target, ast.Name) and n.value is not None
    }
    for name, names in ALIASES.items():
        assert is_literal(aliases[name]), name
        assert literal_args(aliases[name]) == names, name
    assert len(rppsplus.KINDS) == 13 and "required" in rppsplus.FINDING_CODES


def test_every_other_literal_names_a_value_of_the_library() -> None:
    # A Literal outside the aliases must hold values that the library itself gives: here the
    # code of UnknownTable and the name under which the nomenclature functions give communes.
    with_provenance = {"unknown_table": _unknown_table_code(), "commune": _commune_table()}
    stub = tree()
    aliases = {id(n.value) for n in stub.body if isinstance(n, ast.AnnAssign) and n.value is not None}
    others = [n for n in ast.walk(stub) if is_literal(n) and id(n) not in aliases]
    assert len(others) >= 3, "the commune overloads and unknown_table"
    for node in others:
        for value in literal_args(node):
            assert with_provenance.get(value) == value, f"Literal {value!r} of the stub comes from nowhere"


def _unknown_table_code() -> str:
    try:
        nom.table("no such table")
    except rppsplus.UnknownTable as e:
        return e.code
    raise AssertionError("no UnknownTable")


def _commune_table() -> str:
    # The name under which get, search and lookup give communes.
    assert isinstance(nom.get("commune", "13203"), nom.Commune)
    return "commune"


def test_the_stub_carries_the_runtime_docstrings() -> None:
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import sync_stub_docstrings
    finally:
        sys.path.pop(0)
    source = STUB.read_text(encoding="utf-8")
    assert sync_stub_docstrings.synced(source, native) == source, "run scripts/sync_stub_docstrings.py"


def test_every_public_definition_has_a_docstring() -> None:
    missing = []
    for node in tree().body:
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)) and not node.name.startswith("_"):
            if ast.get_docstring(node) is None:
                missing.append(node.name)
            if isinstance(node, ast.ClassDef):
                for item in node.body:
                    if isinstance(item, ast.FunctionDef) and not item.name.startswith("_"):
                        if ast.get_docstring(item) is None:
                            missing.append(f"{node.name}.{item.name}")
    assert missing == []
    # And each comes from the runtime object, which has one.
    for name in dir(native):
        obj = getattr(native, name)
        if not name.startswith("_") and (inspect.isclass(obj) or callable(obj)):
            assert obj.__doc__, name
