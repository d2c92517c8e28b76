"""Columnar validation for data engines: identifiers and demandes held in Arrow columns
(pyarrow, Polars, pandas, DuckDB), read in place through the Arrow PyCapsule interface,
with results handed back the same way::

    >>> import pyarrow as pa
    >>> from rppsplus import arrow
    >>> result = arrow.check("rpps", pa.array(["10107985318", "10107985319", None]))
    >>> pa.array(result).to_pylist()[1]
    {'valid': False, 'canonical': None, 'code': 'invalid_checksum', 'message': "numéro RPPS : la clé de contrôle est fausse ; vérifiez les chiffres : l'un d'eux est sans doute mal recopié"}

``check(kind, column)`` gives one row per value (a null value gives a null row);
``validate(table)`` gives the findings of the demandes of a table with the collection
file's columns (``etat_civil.nom_naissance``…), one row per finding. Both return an
``ArrowResult``: ``pyarrow.array(result)``, ``pyarrow.table(result)``,
``polars.Series(result)``, ``polars.DataFrame(result)``. rppsplus itself depends on no
Arrow library.
"""

from ._rppsplus import ArrowResult
from ._rppsplus import arrow_check as check
from ._rppsplus import arrow_validate as validate

__all__ = ["ArrowResult", "check", "validate"]
