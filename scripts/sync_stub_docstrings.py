#!/usr/bin/env python3
"""Copies the docstrings of the native module into its stub, so that editors (which read the
``.pyi``, not the compiled module) show them.

The docstrings are written once, as the Rust doc comments of ``rppsplus-py/src``; pyo3 makes
them the ``__doc__`` of each class, function, method and property. This script writes that
``__doc__`` as the docstring of the same definition in ``_rppsplus.pyi``: public classes and
functions, their public methods and properties (dunders are left alone, and so are the
stub's own docstrings of attributes and type aliases). A method of a stub-only base class
(``_Identifier``) takes the docstring of the method on the first runtime class deriving from
it. ``tests/test_stub.py`` checks that the stub holds exactly these docstrings.

Usage, with the package built and installed (``maturin develop``, or
``scripts/test-python.sh``)::

    python scripts/sync_stub_docstrings.py          # rewrite the stub
    python scripts/sync_stub_docstrings.py --check  # exit 1 when the stub differs
"""

from __future__ import annotations

import argparse
import ast
import inspect
import sys
from pathlib import Path
from types import ModuleType

STUB = Path(__file__).resolve().parents[1] / "rppsplus-py" / "python" / "rppsplus" / "_rppsplus.pyi"


def runtime_docs(tree: ast.Module, native: ModuleType) -> dict[tuple[str, ...], str]:
    """The docstring each public definition of the stub should have, by its path in the stub
    (``("check",)``, ``("Rpps", "format")``)."""
    classes = {n.name: n for n in tree.body if isinstance(n, ast.ClassDef)}
    docs: dict[tuple[str, ...], str] = {}

    def runtime_class(name: str) -> object | None:
        if not name.startswith("_"):
            return getattr(native, name, None)
        # A stub-only base: the first runtime class deriving from it.
        for other in classes.values():
            if any(isinstance(b, ast.Name) and b.id == name for b in other.bases):
                found = getattr(native, other.name, None)
                if found is not None:
                    return found
        return None

    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and not node.name.startswith("_"):
            doc = getattr(getattr(native, node.name, None), "__doc__", None)
            if doc:
                docs[(node.name,)] = inspect.cleandoc(doc)
        elif isinstance(node, ast.ClassDef):
            cls = runtime_class(node.name)
            if cls is None:
                continue
            if not node.name.startswith("_") and cls.__doc__:
                docs[(node.name,)] = inspect.cleandoc(cls.__doc__)
            for item in node.body:
                if isinstance(item, ast.FunctionDef) and not item.name.startswith("_"):
                    doc = getattr(getattr(cls, item.name, None), "__doc__", None)
                    if doc:
                        docs[(node.name, item.name)] = inspect.cleandoc(doc)
    return docs


def definitions(tree: ast.Module) -> list[tuple[tuple[str, ...], ast.FunctionDef | ast.ClassDef]]:
    """Every class and function of the stub with its path, methods included."""
    found: list[tuple[tuple[str, ...], ast.FunctionDef | ast.ClassDef]] = []
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            found.append(((node.name,), node))
        if isinstance(node, ast.ClassDef):
            for item in node.body:
                if isinstance(item, ast.FunctionDef):
                    found.append(((node.name, item.name), item))
    return found


def stub_docstring(node: ast.FunctionDef | ast.ClassDef) -> str | None:
    """The docstring a definition has in the stub."""
    return ast.get_docstring(node, clean=True)


def rendered(doc: str, indent: int) -> list[str]:
    """`doc` as the lines of a docstring indented by `indent` spaces."""
    pad = " " * indent
    text = doc.replace("\\", "\\\\").replace('"""', '\\"\\"\\"')
    lines = text.split("\n")
    if len(lines) == 1:
        return [f'{pad}"""{lines[0]}"""']
    out = [f'{pad}"""{lines[0]}']
    out += [f"{pad}{line}" if line else "" for line in lines[1:]]
    out.append(f'{pad}"""')
    return out


def synced(source: str, native: ModuleType) -> str:
    """The stub with the runtime docstrings."""
    tree = ast.parse(source)
    docs = runtime_docs(tree, native)
    lines = source.split("\n")
    # (first line index, last line index, replacement), applied from the bottom up.
    edits: list[tuple[int, int, list[str]]] = []
    for path, node in definitions(tree):
        doc = docs.get(path)
        if doc is None or stub_docstring(node) == doc:
            continue
        first = node.body[0]
        indent = node.col_offset + 4
        is_docstring = isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant) and isinstance(
            first.value.value, str
        )
        if is_docstring:
            edits.append((first.lineno - 1, first.end_lineno - 1, rendered(doc, indent)))
            continue
        header_end = first.lineno - 1
        is_ellipsis = isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant) and first.value.value is ...
        line = lines[header_end]
        if is_ellipsis and line[: first.col_offset].rstrip().endswith(":"):
            # `def f(...) -> T: ...  # comment`: the header keeps its comment, and the body
            # (`...` alone: a one-line body) becomes the docstring.
            comment = line[first.end_col_offset :].strip()
            header = line[: first.col_offset].rstrip() + (f"  {comment}" if comment else "")
            edits.append((header_end, header_end, [header, *rendered(doc, indent)]))
        elif is_ellipsis and len(node.body) == 1:
            # `...` on a line of its own.
            edits.append((header_end, header_end, rendered(doc, indent)))
        else:
            # A body of its own (attributes, methods): the docstring goes before it (before the
            # decorators of its first method).
            start = min([first.lineno, *(d.lineno for d in getattr(first, "decorator_list", []))]) - 1
            edits.append((start, start - 1, rendered(doc, indent)))
    for start, end, replacement in sorted(edits, key=lambda e: e[0], reverse=True):
        lines[start : end + 1] = replacement
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 when the stub differs")
    args = parser.parse_args()
    import rppsplus._rppsplus as native

    source = STUB.read_text(encoding="utf-8")
    new = synced(source, native)
    if args.check:
        if new != source:
            print(f"{STUB}: docstrings differ from the native module; run {sys.argv[0]}", file=sys.stderr)
            return 1
        return 0
    if new != source:
        STUB.write_text(new, encoding="utf-8")
        print(f"updated {STUB}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
