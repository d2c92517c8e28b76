"""Validation of the identifiers of the French RPPS+ registration portal.

Every identifier is a frozen value class whose constructor parses and raises a
``RppsplusError`` (a ``ValueError``) subclass on invalid input::

    >>> from rppsplus import Rpps, check
    >>> str(Rpps("101 0798 5318"))
    '10107985318'
    >>> [r.code for r in check("rpps", ["10107985318", "10107985319"])]
    [None, 'invalid_checksum']

A demande (SPEC §4, a ``dict`` or JSON text) is validated with ``validate()``, which
collects every finding into a ``Report``; ``validate_many()`` and ``validate_csv()`` do a
collection (with the GIL released)::

    >>> from rppsplus import validate
    >>> report = validate({"procedure": "primo_enregistrement"})
    >>> report.valid, report.errors()[0]["type"]
    (False, 'required')

The nomenclatures (ANS NOS tables, value sets, INSEE communes) are in the submodule
``rppsplus.nomenclature``.

The rules live in the Rust library ``rppsplus-core``; this package is a thin binding.
"""

from ._rppsplus import (
    KINDS,
    Adeli,
    CheckResult,
    CodeDeprecated,
    CodeNotAllowed,
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
    validate,
    validate_csv,
    validate_many,
)
from . import nomenclature

__all__ = [
    "KINDS",
    "Adeli",
    "CheckResult",
    "CodeDeprecated",
    "CodeNotAllowed",
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
    "check",
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
    "validate",
    "validate_csv",
    "validate_many",
]
