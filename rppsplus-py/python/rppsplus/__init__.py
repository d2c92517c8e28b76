"""Validation of the identifiers of the French RPPS+ registration portal.

Every identifier is a frozen value class whose constructor parses and raises a
``RppsplusError`` (a ``ValueError``) subclass on invalid input::

    >>> from rppsplus import Rpps, Siret, check
    >>> str(Rpps("101 0798 5318"))
    '10107985318'
    >>> Siret("73282932000074").format()
    '732 829 320 00074'
    >>> [r.code for r in check("rpps", ["10107985318", "10107985319"])]
    [None, 'invalid_checksum']

A demande (docs/domain.md §4, a ``dict`` or JSON text) is validated with ``validate()``,
which collects every finding into a ``Report``; ``validate_many()`` and ``validate_csv()``
do a collection (with the GIL released, on every core; Ctrl-C stops them), and
``iter_csv()`` yields a collection file's reports as they are made, in bounded memory.
``template()`` writes the empty collection file (XLSX with dropdowns, or CSV);
``CsvReports.to_xlsx()``/``.to_csv()`` and ``write_report()`` the annotated report;
``findings_frame()`` gives the findings as a pandas ``DataFrame`` (pandas imported then)::

    >>> from rppsplus import validate
    >>> report = validate({"procedure": "primo_enregistrement"})
    >>> report.valid, report.errors()[0]["type"]
    (False, 'required')

The verbs mean one thing each, as in python-stdnum and on every face of rppsplus:

==========================  ==========================================================
``Rpps(value)``, ``Siret``  parse = validate (python-stdnum's ``validate``): the value,
(every value class)         or a ``RppsplusError`` subclass; ``str()`` is the canonical
                            form, for storage and exchange
``is_valid_<kind>(value)``  ``True`` when ``check()`` accepts the value; never raises for
                            a ``str`` (the answer of the core's ``is_valid`` and of the C
                            validators: a commune or country code must also exist)
``check(kind, values)``     one ``CheckResult`` per value (canonical form or error code)
                            in a ``CheckResults`` sequence, with the columns ``valid``,
                            ``canonical``, ``codes``; never raises for an invalid value
``compact(value)``          the value without separators (spaces, dots, dashes); checks
                            nothing
``format(kind, value)``,    the display form of a valid value, for people (SIRET
``.format()``               ``732 829 320 00074``, French mobile ``06 92 12 34 56``);
                            raises as the constructors do
``validate(demande)``       every finding of a demande in a ``Report`` (collect-all):
                            an invalid demande does not raise;
                            ``Report.raise_for_errors()`` raises ``ValidationError``
==========================  ==========================================================

Names are the core's: ``KINDS`` (what ``check`` and ``format`` take), ``FINDING_CODES``
(every ``code`` of a finding, a ``CheckResult`` or an exception but ``unknown_table``, the
card errors' ``CARD_ERROR_CODES`` and the lifecycle's ``WORKFLOW_ERROR_CODES``),
``STAGES``, ``ACTORS``, ``SEVERITIES``, ``GENERATIONS``, ``CARD_TYPES``, ``EVENTS``,
``STATUSES``, ``DURABILITIES``, ``SHEET_FORMATS``. Dates (``reference_date=``, ``at=``) are a
``datetime.date`` or an ISO ``"YYYY-MM-DD"`` string; ``None`` is today in UTC. Values,
results, reports, findings and exceptions pickle (``multiprocessing``, ``copy``).

The nomenclatures (ANS NOS tables, value sets, INSEE communes) are in the submodule
``rppsplus.nomenclature``; CPx cards through PC/SC in ``rppsplus.cpx``; the lifecycle of a
demande (statuts, events, history, dossier, registry and journal) in ``rppsplus.workflow``;
columnar validation of Arrow data (pyarrow, Polars, pandas, DuckDB, Spark's ``mapInArrow``)
in ``rppsplus.arrow``.

Values from data frames are read as cells: ``None``, NaN and ``pandas.NA`` are missing (a
``CheckResult`` with the code ``required``; an empty cell of a row), NumPy scalars are their
Python values, integers are their decimal text, and a ``datetime`` at midnight (a
``pandas.Timestamp`` of a date column) is its date.

The rules live in the Rust library ``rppsplus-core``; this package is a thin binding.
"""

from ._rppsplus import (
    ACTORS,
    CARD_ERROR_CODES,
    CARD_TYPES,
    GENERATIONS,
    CardError,
    InvalidPin,
    PinBlocked,
    ServiceAbsent,
    WrongPin,
    DURABILITIES,
    SHEET_FORMATS,
    EVENTS,
    STATUSES,
    WORKFLOW_ERROR_CODES,
    GuardFailed,
    HistoryInvalid,
    JournalCorrupt,
    PendingDemande,
    TransitionRefused,
    WorkflowError,
    FINDING_CODES,
    KINDS,
    SEVERITIES,
    STAGES,
    Adeli,
    CheckResult,
    CheckResults,
    CodeDeprecated,
    CodeNotAllowed,
    CsvIter,
    CsvReports,
    CsvRow,
    Email,
    Finding,
    Finess,
    IdNat,
    IdNatStructure,
    InseeCommune,
    InseeCountry,
    InvalidChecksum,
    InvalidComponent,
    InvalidFormat,
    InvalidLength,
    MobilePhone,
    NotMobile,
    NumeroDemande,
    Rpps,
    RppsplusError,
    Report,
    RppsRang,
    Siren,
    Siret,
    UnknownCode,
    UnknownTable,
    ValidationError,
    __version__,
    check,
    compact,
    format,
    is_valid_adeli,
    is_valid_commune,
    is_valid_email,
    is_valid_finess,
    is_valid_idnat,
    is_valid_idnat_structure,
    is_valid_numero,
    is_valid_pays,
    is_valid_phone,
    is_valid_rpps,
    is_valid_rpps_rang,
    is_valid_siren,
    is_valid_siret,
    iter_csv,
    template,
    validate,
    validate_csv,
    validate_many,
    write_report,
)
from . import arrow, cpx, nomenclature, workflow
from ._findings import findings_frame

__all__ = [
    "ACTORS",
    "CARD_ERROR_CODES",
    "CARD_TYPES",
    "GENERATIONS",
    "CardError",
    "InvalidPin",
    "PinBlocked",
    "ServiceAbsent",
    "WrongPin",
    "cpx",
    "DURABILITIES",
    "SHEET_FORMATS",
    "EVENTS",
    "STATUSES",
    "WORKFLOW_ERROR_CODES",
    "GuardFailed",
    "HistoryInvalid",
    "JournalCorrupt",
    "PendingDemande",
    "TransitionRefused",
    "WorkflowError",
    "workflow",
    "FINDING_CODES",
    "KINDS",
    "SEVERITIES",
    "STAGES",
    "Adeli",
    "CheckResult",
    "CheckResults",
    "CodeDeprecated",
    "CodeNotAllowed",
    "CsvIter",
    "CsvReports",
    "CsvRow",
    "Email",
    "Finding",
    "Finess",
    "IdNat",
    "IdNatStructure",
    "InseeCommune",
    "InseeCountry",
    "InvalidChecksum",
    "InvalidComponent",
    "InvalidFormat",
    "InvalidLength",
    "MobilePhone",
    "NotMobile",
    "NumeroDemande",
    "Rpps",
    "Report",
    "RppsRang",
    "RppsplusError",
    "Siren",
    "Siret",
    "UnknownCode",
    "UnknownTable",
    "ValidationError",
    "__version__",
    "arrow",
    "check",
    "compact",
    "format",
    "nomenclature",
    "is_valid_adeli",
    "is_valid_commune",
    "is_valid_email",
    "is_valid_finess",
    "is_valid_idnat",
    "is_valid_idnat_structure",
    "is_valid_numero",
    "is_valid_pays",
    "is_valid_phone",
    "is_valid_rpps",
    "is_valid_rpps_rang",
    "is_valid_siren",
    "is_valid_siret",
    "findings_frame",
    "iter_csv",
    "template",
    "validate",
    "validate_csv",
    "validate_many",
    "write_report",
]
