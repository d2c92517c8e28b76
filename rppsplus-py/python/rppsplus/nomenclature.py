"""The nomenclatures of the RPPS+ portal: the ANS NOS tables and value sets, and the INSEE
communes (COG), embedded and versioned::

    >>> from rppsplus import nomenclature
    >>> nomenclature.get("profession", "326").label
    'Educateur spécialisé'
    >>> nomenclature.search("commune", "marseille 3")[0]
    Commune('13203', 'Marseille 3e Arrondissement')
    >>> import datetime
    >>> nomenclature.check("profession", "323", at=datetime.date(2026, 11, 23))
    Traceback (most recent call last):
    rppsplus.CodeDeprecated: le code 323 (Aide médico-psychologique) est obsolète : utiliser 328

A form's list (a dropdown), and the version it comes from::

    >>> at = datetime.date(2026, 11, 23)
    >>> [(e.code, e.display or e.label) for e in nomenclature.list("pays", at=at)][0]
    ('99100', 'France')
    >>> nomenclature.field("profession").version_at(at).version
    '20260505120000'

Tables are named by portal field alias (``"profession"``, ``"pays"``…, see ``aliases()``),
or by the NOS name or code of a table (``"TRE_R85-RolePriseCharge"``, ``"TRE_R85"``) or a
value set (``"JDV_J121"``); ``"commune"`` names the communes in ``get``, ``search``,
``lookup`` and ``list``. A reference date ``at=None`` is today's date in UTC, as the CLI's
``rppsplus lookup``. ``list`` is left out of ``__all__`` so that ``from
rppsplus.nomenclature import *`` does not hide the builtin ``list``.

Errors: an unknown table raises ``UnknownTable``; ``check`` raises ``UnknownCode``,
``CodeNotAllowed`` or ``CodeDeprecated`` (``.replaced_by``), all ``RppsplusError``
(``ValueError``) with ``.code``, ``.message`` and ``.message_en``. Arguments that are not
``str`` raise ``TypeError``; a negative ``limit`` raises ``ValueError``, ``limit=0`` gives
``[]``; an empty or over-long query finds nothing.

Everything is a thin binding of ``rppsplus_core::nomenclature``.
"""

from ._rppsplus import (
    Code,
    CodeDeprecated,
    CodeNotAllowed,
    Commune,
    CommuneResolution,
    Communes,
    Entry,
    LookupResult,
    Meta,
    SetVersion,
    Table,
    UnknownCode,
    UnknownTable,
    ValueSet,
    VersionAt,
    communes,
    resolve_commune,
)
from ._rppsplus import nomenclature_aliases as aliases
from ._rppsplus import nomenclature_check as check
from ._rppsplus import nomenclature_field as field
from ._rppsplus import nomenclature_get as get
from ._rppsplus import nomenclature_list as list  # kept out of __all__ (see above)
from ._rppsplus import nomenclature_lookup as lookup
from ._rppsplus import nomenclature_search as search
from ._rppsplus import nomenclature_table as table
from ._rppsplus import nomenclature_tables as tables
from ._rppsplus import nomenclature_value_set as value_set
from ._rppsplus import nomenclature_value_sets as value_sets

__all__ = [
    "Code",
    "CodeDeprecated",
    "CodeNotAllowed",
    "Commune",
    "CommuneResolution",
    "Communes",
    "Entry",
    "LookupResult",
    "Meta",
    "SetVersion",
    "Table",
    "UnknownCode",
    "UnknownTable",
    "ValueSet",
    "VersionAt",
    "aliases",
    "check",
    "communes",
    "field",
    "get",
    "lookup",
    "resolve_commune",
    "search",
    "table",
    "tables",
    "value_set",
    "value_sets",
]
