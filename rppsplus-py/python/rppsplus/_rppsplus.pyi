"""Type stubs of the native module ``rppsplus._rppsplus`` (hand-written, checked by stubtest)."""

import datetime
import os
import pathlib
from collections.abc import Callable, Iterable, Iterator
from typing import Any, ClassVar, Literal, NoReturn, Protocol, SupportsIndex, TypedDict, final, overload

from typing_extensions import Self, TypeAlias

# --- the core's names -------------------------------------------------------------------
# Each Literal is the core's list, which the module exports as a tuple at runtime; the test
# tests/test_stub.py checks every Literal of this file against those tuples.

_Kind: TypeAlias = Literal[
    "rpps",
    "idnat",
    "idnat-structure",
    "adeli",
    "finess",
    "siren",
    "siret",
    "rpps-rang",
    "commune",
    "pays",
    "phone",
    "email",
    "numero",
]
"""An identifier kind (``KINDS``)."""
_FindingCode: TypeAlias = Literal[
    "required",
    "invalid_format",
    "invalid_length",
    "invalid_checksum",
    "invalid_component",
    "not_mobile",
    "unknown_code",
    "code_not_allowed",
    "code_deprecated",
    "out_of_range",
    "inconsistent",
    "not_modifiable",
    "not_applicable",
    "unknown_field",
    "test_identifier",
    "invalid_json",
    "invalid_csv",
    "encoding_converted",
    "not_allowed_for_actor",
    "duplicate",
    "foreign_number",
    "old_code",
    "also_postal_code",
    "too_many_findings",
]
"""A stable code of a finding, an identifier error or a warning (``FINDING_CODES``)."""
_Stage: TypeAlias = Literal["draft", "submit"]
"""When a demande is validated (``STAGES``)."""
_Actor: TypeAlias = Literal["professionnel", "gestionnaire", "rpps"]
"""Who sends a demande (``ACTORS``)."""
_Severity: TypeAlias = Literal["error", "warning"]
"""How serious a finding is (``SEVERITIES``)."""
_Generation: TypeAlias = Literal["cps3", "cps3_contactless", "cps4"]
"""The generation of a CPx card (``GENERATIONS``)."""
_CardType: TypeAlias = Literal["CPS", "CPE"]
"""The type of a CPx card, as TRE_R87-TypeCarte names it (``CARD_TYPES``)."""
_CardErrorCode: TypeAlias = Literal[
    "service_absent",
    "no_reader",
    "unknown_reader",
    "no_card",
    "not_cpx",
    "card_removed",
    "invalid_pin",
    "wrong_pin",
    "pin_blocked",
    "transport_failure",
    "card_status",
    "malformed_data",
    "missing_object",
]
"""The ``code`` of a ``CardError`` (``CARD_ERROR_CODES``)."""
_Event: TypeAlias = Literal[
    "creer",
    "soumettre",
    "abandonner",
    "prendre_en_charge",
    "valider",
    "refuser",
    "annuler",
    "envoyer",
    "accepter",
    "refuser_rpps",
    "rejeter",
    "modifier",
]
"""An event of the lifecycle (``EVENTS``)."""
_Status: TypeAlias = Literal[
    "saisie_professionnel",
    "en_cours_enregistrement",
    "en_cours_instruction",
    "envoyee_rpps",
    "envoyee_rpps_par_professionnel",
    "abandonnee_professionnel",
    "refusee_ae",
    "validee_rpps",
    "refusee_rpps",
    "rejet_technique",
]
"""The statut of a demande (``STATUSES``)."""
_WorkflowErrorCode: TypeAlias = Literal[
    "transition_refused",
    "guard_failed",
    "motif_required",
    "rpps_required",
    "invalid_rpps",
    "demande_required",
    "unexpected_argument",
    "wrong_creator",
    "pending_demande",
    "demande_not_found",
    "dossier_not_found",
    "dossier_exists",
    "dossier_inconsistent",
    "situation_not_found",
    "situation_closed",
    "duplicate_numero",
    "time_backwards",
    "invalid_timestamp",
    "unknown_event",
    "unknown_actor",
    "unknown_status",
    "step_mismatch",
    "history_empty",
    "history_invalid",
    "invalid_json",
    "journal_corrupt",
    "journal_io",
    "journal_locked",
    "content_mismatch",
]
"""The ``code`` of a ``WorkflowError`` (``WORKFLOW_ERROR_CODES``)."""
_At: TypeAlias = datetime.datetime | str | None
"""The time of an event: an aware ``datetime`` or an RFC 3339 ``str``; ``None`` is the clock's."""
_Durability: TypeAlias = Literal["fsync", "flush"]
"""How far a journal append goes before the call returns (``DURABILITIES``)."""
_SheetFormat: TypeAlias = Literal["xlsx", "csv"]
"""The format of a spreadsheet: a template or a report (``SHEET_FORMATS``)."""
_ErrorCode: TypeAlias = _FindingCode | _WorkflowErrorCode | Literal["unknown_table"]
"""The ``code`` of an ``RppsplusError``: a finding code, a lifecycle error code, or
``unknown_table`` (``UnknownTable``)."""

__version__: str
KINDS: tuple[_Kind, ...]
"""The identifier kinds that ``check()``, ``format()`` and ``CheckResult()`` take."""
FINDING_CODES: tuple[_FindingCode, ...]
"""Every stable code of a finding, an identifier error or a warning."""
STAGES: tuple[_Stage, ...]
"""The ``stage`` values of ``validate()``."""
ACTORS: tuple[_Actor, ...]
"""The ``actor`` values of ``validate()``."""
SEVERITIES: tuple[_Severity, ...]
"""The ``severity`` of a finding."""
GENERATIONS: tuple[_Generation, ...]
"""The ``generation`` of a ``Card``."""
CARD_TYPES: tuple[_CardType, ...]
"""The ``card_type`` of a ``Card``."""
CARD_ERROR_CODES: tuple[_CardErrorCode, ...]
"""Every ``code`` of a ``CardError``."""
EVENTS: tuple[_Event, ...]
"""The events of the lifecycle, one ``Demande`` method each."""
STATUSES: tuple[_Status, ...]
"""The statuts of a demande."""
WORKFLOW_ERROR_CODES: tuple[_WorkflowErrorCode, ...]
"""Every ``code`` of a ``WorkflowError``."""
DURABILITIES: tuple[_Durability, ...]
"""The ``durability`` values of ``Registry.open()``."""
SHEET_FORMATS: tuple[_SheetFormat, ...]
"""The ``format`` values of ``template()``, and the formats of a report."""

# --- exceptions -------------------------------------------------------------------------

class RppsplusError(ValueError):
    """Base class of the errors of rppsplus: an invalid identifier, a nomenclature argument or
    code, a demande with errors (``ValidationError``).

    Attributes: ``code`` (stable snake_case code: one of ``FINDING_CODES``, or
    ``unknown_table``), ``kind`` (an identifier kind of ``KINDS``, ``nomenclature`` or
    ``demande``), ``message`` (French, also ``str(exc)``), ``message_en`` (English) and
    ``position`` (0-based character position for ``invalid_format``, else ``None``).
    Exceptions pickle with their attributes.
    """

    code: _ErrorCode
    """The stable snake_case code (``invalid_checksum``…)."""
    kind: str
    """The identifier kind (one of ``KINDS``), or ``nomenclature``, or ``demande``."""
    message: str
    """The French message, also ``str(exc)``; never contains the value."""
    message_en: str
    """The English message; never contains the value."""
    position: int | None
    """The 0-based character position of an ``invalid_format`` error, else ``None``."""

class InvalidFormat(RppsplusError):
    """The value contains a character the identifier cannot contain (code ``invalid_format``)."""
class InvalidLength(InvalidFormat):
    """The value has the wrong number of significant characters (code ``invalid_length``)."""
class InvalidChecksum(RppsplusError):
    """The check digit does not match (code ``invalid_checksum``)."""
class InvalidComponent(RppsplusError):
    """A part of the identifier breaks a rule of its kind (code ``invalid_component``)."""
class NotMobile(InvalidComponent):
    """A well-formed telephone number that is not a mobile (code ``not_mobile``)."""
class UnknownCode(InvalidComponent):
    """A well-formed code that no entry of its table has, e.g. an INSEE commune code that does
    not exist (code ``unknown_code``).
    """
class UnknownTable(RppsplusError):
    """No nomenclature table or value set has this name (code ``unknown_table``)."""
class CodeNotAllowed(RppsplusError):
    """A code of the table that the portal does not offer for the field, or not yet at the
    reference date (code ``code_not_allowed``).
    """

class CodeDeprecated(RppsplusError):
    """A code that has ended at the reference date (code ``code_deprecated``);
    ``replaced_by`` names the codes to use instead, where the source says.
    """
    replaced_by: tuple[str, ...]
    """The codes to use instead, where the source names them (may be empty)."""

class ValidationError(RppsplusError):
    """A demande with errors, raised by ``Report.raise_for_errors()``: ``report`` is the
    ``Report``, ``errors()`` its errors in the pydantic-core shape, ``error_count()`` their
    number; ``code`` is the code of the first error and ``kind`` is ``demande``.
    """

    report: Report
    errors: Callable[[], list[_ErrorDetails]]
    """The report's errors in the pydantic-core shape (``report.errors``)."""
    error_count: Callable[[], int]

class CardError(OSError):
    """A CPx card operation failed (``rppsplus.cpx``): the reader, the card or the PC/SC
    service, hence an ``OSError`` (not an ``RppsplusError``, whose errors are about a value).
    ``code`` is one of ``CARD_ERROR_CODES`` (``no_reader``, ``no_card``, ``not_cpx``,
    ``card_removed``…), ``kind`` is ``card``, ``message`` the French message (also
    ``str(exc)``), ``message_en`` the English one. The subclasses are the errors a program
    handles apart: ``ServiceAbsent``, ``InvalidPin`` (also a ``ValueError``), ``WrongPin``,
    ``PinBlocked``. No message holds a PIN or holder data.
    """

    code: _CardErrorCode
    """The stable snake_case code (``no_card``…)."""
    kind: str
    """Always ``card``."""
    message: str
    """The French message, also ``str(exc)``; never holds a PIN or holder data."""
    message_en: str
    """The English message."""

class ServiceAbsent(CardError):
    """No PC/SC library on this machine, or no PC/SC service running (pcscd on Linux)
    (code ``service_absent``).
    """
class InvalidPin(CardError, ValueError):
    """The PIN is not 4 to 8 digits, or outside the card's bounds: nothing was sent to the card
    (code ``invalid_pin``). A ``CardError`` and a ``ValueError``: the argument is wrong.
    """
class WrongPin(CardError):
    """The card refused the PIN (code ``wrong_pin``); ``tries_left`` tries remain."""

    tries_left: int
    """The tries left before the PIN blocks."""

class PinBlocked(CardError):
    """The PIN is blocked: no try left (code ``pin_blocked``; ``tries_left`` is 0)."""

    tries_left: int
    """0."""

class WorkflowError(RppsplusError):
    """The lifecycle refused a call (``rppsplus.workflow``): ``code`` is one of
    ``WORKFLOW_ERROR_CODES``, ``kind`` is ``workflow``; ``allowed`` the events the actor may
    send instead (a tuple, empty but for a refused transition), ``report`` the ``Report``
    of a failed guard (else ``None``), ``cause`` the code of the underlying error of a bad
    history entry or journal line (else ``code``). A refused call changes nothing. The
    subclasses are the errors a program handles apart; no message holds an état civil or
    contact value.
    """

    code: _WorkflowErrorCode  # type: ignore[assignment]
    """The stable snake_case code (``transition_refused``…)."""
    allowed: tuple[_Event, ...]
    """The events the actor may send instead (a refused transition), else empty."""
    report: Report | None
    """The report of a failed guard, else ``None``."""
    cause: _WorkflowErrorCode
    """The code of the underlying error of a bad history entry or journal line, else ``code``."""

class TransitionRefused(WorkflowError):
    """No row of the transition table lets the actor send the event from the demande's statut
    (code ``transition_refused``); ``allowed`` lists what that actor may send.
    """
class GuardFailed(WorkflowError):
    """A guard on the demande's content failed (code ``guard_failed``): ``report`` is the whole
    ``Report`` (validation at stage submit, who may create what, the fields an edit may not
    change).
    """

    report: Report
    """Every finding of the guard."""

class PendingDemande(WorkflowError):
    """The RPPS number already has a non-terminal demande (code ``pending_demande``):
    ``pending`` is its number.
    """

    pending: str
    """The number of the pending demande."""

class HistoryInvalid(WorkflowError):
    """A loaded history has a bad entry (code ``history_invalid``): ``index`` (from 0), and
    ``cause`` the code of why.
    """

    index: int
    """The index of the bad entry, from 0."""

class JournalCorrupt(WorkflowError):
    """A complete journal line does not replay (code ``journal_corrupt``): ``line`` (from 1),
    and ``cause`` the code of why; the file is left as it is.
    """

    line: int
    """The line that does not replay, from 1."""

# --- value classes ----------------------------------------------------------------------

class _Identifier:
    # Shared shape of the value classes (not a runtime class).
    def __eq__(self, other: object, /) -> bool: ...
    def __ne__(self, other: object, /) -> bool: ...
    def __lt__(self, other: Self, /) -> bool: ...
    def __le__(self, other: Self, /) -> bool: ...
    def __gt__(self, other: Self, /) -> bool: ...
    def __ge__(self, other: Self, /) -> bool: ...
    def __hash__(self) -> int: ...
    def __getnewargs_ex__(self) -> tuple[tuple[str], dict[str, bool]]: ...
    def format(self) -> str:
        """The display form (python-stdnum's ``format``): a SIREN, a SIRET grouped by
        3 digits, a French mobile in national form (``06 92 12 34 56``), any other
        value its canonical form; see ``rppsplus.format()``.
        """

@final
class Rpps(_Identifier):
    """An RPPS number: 11 digits with a Luhn key (``Rpps("101 0798 5318")``).

    Separators (spaces, dots, dashes) are accepted; ``str()`` gives the 11 digits.
    ANS test identities (not starting with ``1``) need ``test_mode=True``.
    Raises ``InvalidFormat``, ``InvalidLength``, ``InvalidChecksum`` or
    ``InvalidComponent`` (all ``RppsplusError``, a ``ValueError``).
    """
    def __new__(cls, value: str, /, *, test_mode: bool = False) -> Self: ...
    @staticmethod
    def from_sequence(sequence: str) -> Rpps:
        """Builds the RPPS number whose first 10 digits are ``sequence``, computing its key."""
    @property
    def is_test(self) -> bool:
        """Whether this is an ANS test identity (it does not start with ``1``)."""
    def to_idnat(self) -> IdNat:
        """The person's idNat: ``8`` + the RPPS number."""

@final
class IdNat(_Identifier):
    """A person's national identifier (idNat, TRE_G08): a type prefix and an identifier,
    e.g. ``IdNat("810107985318")`` (``8`` + RPPS) or ``IdNat("0349102665")`` (``0`` + ADELI).

    An MSSanté idNat (``10`` + an email address) is confidential (docs/domain.md §7):
    its ``repr()`` never shows it; ``str()`` does.
    """
    def __new__(cls, value: str, /, *, test_mode: bool = False) -> Self: ...
    @staticmethod
    def from_rpps(rpps: Rpps) -> IdNat:
        """The idNat of an RPPS number (``8`` + RPPS)."""
    @staticmethod
    def from_adeli(adeli: Adeli) -> IdNat:
        """The idNat of an ADELI number (``0`` + ADELI)."""
    @property
    def id_type(self) -> str:
        """The type: the TRE_G08 code, which is the prefix (``"8"``, ``"0"``, ``"3"``, ``"10"``…)."""
    @property
    def identifier(self) -> str:
        """The identifier after the type prefix."""
    @property
    def local_id(self) -> str | None:
        """The local identifier after ``/`` of the composite types (``1``, ``3``–``6``), else ``None``."""
    def rpps(self) -> Rpps | None:
        """The RPPS number of an ``8`` idNat, else ``None``."""
    def adeli(self) -> Adeli | None:
        """The ADELI number of a ``0`` idNat, else ``None``."""

@final
class IdNatStructure(_Identifier):
    """A structure's national identifier (TRE_G07): a prefix and a FINESS (``1``), SIREN
    (``2``), SIRET (``3``), ADELI-rang (``0``) or RPPS-rang (``4``).
    """
    def __new__(cls, value: str, /, *, test_mode: bool = False) -> Self: ...
    @staticmethod
    def from_finess(finess: Finess) -> IdNatStructure:
        """The idNat of a FINESS structure (``1`` + FINESS)."""
    @staticmethod
    def from_siret(siret: Siret) -> IdNatStructure:
        """The idNat of a SIRET establishment (``3`` + SIRET)."""
    @property
    def id_type(self) -> str:
        """The type: the TRE_G07 code, which is the prefix (``"0"`` to ``"4"``)."""
    @property
    def identifier(self) -> str:
        """The identifier after the prefix (a FINESS, SIREN, SIRET…)."""
    def rpps_rang(self) -> RppsRang | None:
        """The RPPS-rang of a ``4`` idNat, else ``None``."""

@final
class Adeli(_Identifier):
    """An ADELI number: 9 characters (département, profession code, 5 digits); no checksum."""
    def __new__(cls, value: str, /) -> Self: ...
    @property
    def departement(self) -> str:
        """The département code (first two characters)."""
    @property
    def profession(self) -> str:
        """The profession code (characters 3 and 4)."""

@final
class Finess(_Identifier):
    """A FINESS number: a département (``01``–``95``, ``2A``, ``2B``, ``97``) and 7 digits,
    with a Luhn key (except Corsica).
    """
    def __new__(cls, value: str, /) -> Self: ...
    @property
    def departement(self) -> str:
        """The département part (``"13"``, ``"2A"``, ``"97"``)."""

@final
class Siren(_Identifier):
    """A SIREN number: 9 digits with a Luhn key."""
    def __new__(cls, value: str, /) -> Self: ...

@final
class Siret(_Identifier):
    """A SIRET number: the SIREN and a 5-digit establishment number (NIC), 14 digits."""
    def __new__(cls, value: str, /) -> Self: ...
    @property
    def siren(self) -> Siren:
        """The SIREN of the legal entity (the first 9 digits)."""
    @property
    def nic(self) -> str:
        """The 5-digit establishment number."""

@final
class RppsRang(_Identifier):
    """An RPPS-rang (a cabinet of an RPPS professional): RPPS, 2-digit rang and a Luhn key."""
    def __new__(cls, value: str, /, *, test_mode: bool = False) -> Self: ...
    @property
    def rpps(self) -> Rpps:
        """The RPPS number of the professional."""
    @property
    def rang(self) -> str:
        """The two-digit rang of the cabinet."""

@final
class InseeCommune(_Identifier):
    """An INSEE commune code: 5 digits, or ``2A``/``2B`` and 3 digits (format only)."""
    def __new__(cls, value: str, /) -> Self: ...
    @property
    def departement(self) -> str:
        """The département: 3 characters overseas (``"971"``), else 2 (``"13"``, ``"2A"``)."""
    def resolve(self) -> CommuneResolution:
        """The commune of the embedded COG with this code: a current code, or an old one
        (``20004`` → Ajaccio, ``from_old_code=True``). A postal code (``75015``) or a code
        no commune has raises ``UnknownCode``; the message names the communes a postal
        code serves.
        """

@final
class InseeCountry(_Identifier):
    """An INSEE country code: ``99`` and 3 digits (France is ``99100``)."""
    FRANCE: ClassVar[InseeCountry]
    def __new__(cls, value: str, /) -> Self: ...
    @property
    def is_france(self) -> bool:
        """Whether this is France."""
    def resolve(self) -> Code:
        """The country in TRE_R20 (a ``rppsplus.nomenclature.Code``), ended codes included;
        a code no country has raises ``UnknownCode``.
        """

@final
class MobilePhone(_Identifier):
    """A mobile telephone number, normalised to E.164 (``+33612345678``).

    Confidential (docs/domain.md §7): ``repr()`` never shows the number; ``str()`` does.
    A landline raises ``NotMobile``.
    """
    def __new__(cls, value: str, /) -> Self: ...
    @property
    def territory(self) -> str | None:
        """The ISO 3166 code of the French territory of the number (``"FR"``, ``"RE"``…),
        ``None`` for a foreign number.
        """
    @property
    def is_foreign(self) -> bool:
        """Whether the number belongs to no French territory."""

@final
class Email(_Identifier):
    """An email address (pragmatic syntax); the domain is lowercased.

    Confidential (docs/domain.md §7): ``repr()`` never shows the address; ``str()`` does.
    """
    def __new__(cls, value: str, /) -> Self: ...
    @property
    def domain(self) -> str:
        """The domain (after ``@``), lowercased."""

@final
class NumeroDemande(_Identifier):
    """A demande number: ``P`` and the creation time ``YYYYMMDDhhmmss``."""
    def __new__(cls, value: str, /) -> Self: ...
    @staticmethod
    def from_datetime(at: datetime.datetime) -> NumeroDemande:
        """The number of a demande created at ``at``, a naive ``datetime.datetime``
        (sub-seconds are dropped). An aware datetime raises ``ValueError``.
        """
    @property
    def created_at(self) -> datetime.datetime:
        """The creation time the number encodes, a naive ``datetime.datetime``."""

# --- validity helpers -------------------------------------------------------------------

def is_valid_rpps(value: str, /, *, test_mode: bool = False) -> bool:
    """Whether ``value`` is a valid RPPS number (``test_mode`` accepts test identities)."""
def is_valid_idnat(value: str, /, *, test_mode: bool = False) -> bool:
    """Whether ``value`` is a valid person idNat (``test_mode`` accepts a test RPPS part)."""
def is_valid_idnat_structure(value: str, /, *, test_mode: bool = False) -> bool:
    """Whether ``value`` is a valid structure idNat (``test_mode`` accepts a test RPPS part)."""
def is_valid_rpps_rang(value: str, /, *, test_mode: bool = False) -> bool:
    """Whether ``value`` is a valid RPPS-rang (``test_mode`` accepts a test RPPS part)."""
def is_valid_adeli(value: str, /) -> bool:
    """Whether ``value`` is a valid ADELI number."""
def is_valid_finess(value: str, /) -> bool:
    """Whether ``value`` is a valid FINESS number."""
def is_valid_siren(value: str, /) -> bool:
    """Whether ``value`` is a valid SIREN number."""
def is_valid_siret(value: str, /) -> bool:
    """Whether ``value`` is a valid SIRET number."""
def is_valid_commune(value: str, /) -> bool:
    """Whether ``value`` is an INSEE commune code of the COG: a current code or an old one
    (``20004``); a well-formed code that no commune has, such as a postal code
    (``75015``), is not.
    """
def is_valid_pays(value: str, /) -> bool:
    """Whether ``value`` is an INSEE country code of TRE_R20 (``99100``; ended codes
    included).
    """
def is_valid_phone(value: str, /) -> bool:
    """Whether ``value`` is a valid mobile telephone number."""
def is_valid_email(value: str, /) -> bool:
    """Whether ``value`` is a valid email address."""
def is_valid_numero(value: str, /) -> bool:
    """Whether ``value`` is a valid demande number."""
def format(kind: _Kind, value: str, /, *, test_mode: bool = False) -> str:
    """The display form of ``value`` as an identifier of ``kind`` (python-stdnum's ``format``),
    for people; store and exchange the canonical form (``str()`` of a value, ``canonical`` of
    a ``CheckResult``).

    ``siren``: ``732 829 320``; ``siret``: ``732 829 320 00074``; ``phone``: the national form
    ``06 92 12 34 56`` for a number of the French numbering plan (metropolitan France and the
    DROM), else E.164; every other kind: the canonical form (no customary grouping). An
    invalid value raises its ``RppsplusError`` as the value classes do; an unknown ``kind``
    raises ``ValueError``.
    """
def compact(value: str, /) -> str:
    """``value`` without the separators users type inside identifiers: spaces (no-break spaces
    included), tabs, dots and dashes (python-stdnum's ``compact``). Nothing is checked: the
    value classes, ``check()`` and ``format()`` compact their input themselves.
    """

# --- batch check ------------------------------------------------------------------------

_Value: TypeAlias = str | SupportsIndex | float | None
"""A value of ``check()``: ``str``, an integer (``int``, a NumPy integer) or a missing value
(``None``, NaN, ``pandas.NA``)."""

@final
class CheckResult:
    """The outcome of checking one value with ``check()`` (or ``CheckResult(kind, value)``,
    which checks one).

    ``input`` is the text checked (the ``str`` given, the decimal text of an integer, or
    ``None`` for a missing value); ``canonical`` its canonical form when ``valid``;
    otherwise ``code`` (stable, e.g. ``invalid_checksum``; ``required`` for a missing value),
    ``message`` (French) and ``message_en``. ``warning`` is a remark on a valid value
    (``test_identifier``, ``foreign_number``, ``old_code``, ``also_postal_code``). The
    ``repr()`` of a confidential value (a phone number, an email address, an MSSanté idNat)
    hides the values. Results compare equal when their kind, input, mode and outcome are;
    they pickle (the value is checked again when unpickled).
    """
    def __new__(cls, kind: _Kind, value: _Value, /, *, test_mode: bool = False) -> Self: ...
    @property
    def kind(self) -> _Kind:
        """The identifier kind checked (``"rpps"``, ``"siret"``…)."""
    @property
    def input(self) -> str | None:
        """The text checked: the ``str`` given (the same object), the decimal text of an
        integer, ``None`` for a missing value.
        """
    @property
    def valid(self) -> bool:
        """Whether the value is valid."""
    @property
    def canonical(self) -> str | None:
        """The canonical form of a valid value, else ``None``."""
    @property
    def code(self) -> _FindingCode | None:
        """The stable error code of an invalid value (``invalid_format``, ``invalid_length``,
        ``invalid_checksum``, ``invalid_component``, ``not_mobile``…; ``required`` for a
        missing value), else ``None``.
        """
    @property
    def message(self) -> str | None:
        """The French message of an invalid value, else ``None``. Never contains the value."""
    @property
    def message_en(self) -> str | None:
        """The English message of an invalid value, else ``None``. Never contains the value."""
    @property
    def warning(self) -> _FindingCode | None:
        """The code of a remark on a valid value (``test_identifier``, ``foreign_number``),
        else ``None``.
        """
    @property
    def warning_message(self) -> str | None:
        """The French message of the warning, else ``None``."""
    def raise_for_error(self) -> None:
        """Raises the exception of an invalid value (``InvalidChecksum``…; a ``RppsplusError``
        with the code ``required`` for a missing value); does nothing for a valid one.
        """
    def __eq__(self, other: object, /) -> bool: ...
    def __ne__(self, other: object, /) -> bool: ...
    def __getnewargs_ex__(self) -> tuple[tuple[_Kind, str | None], dict[str, bool]]: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class CheckResults:
    """The results of ``check(kind, values)``: a sequence of ``CheckResult``, one per value, in
    order, built when asked for (indexing, iterating), with the columns ``valid``,
    ``canonical`` and ``codes`` as lists.

    It behaves as the list of results it stands for: ``len()``, indexing (negative indexes
    too), slicing (a ``CheckResults``), iterating, and ``==`` with another ``CheckResults`` or
    with a list of ``CheckResult``. ``CheckResults(kind, values)`` is ``check(kind,
    values)``; results pickle (the values are checked again when unpickled).
    """

    def __new__(cls, kind: _Kind, values: Iterable[_Value], /, *, test_mode: bool = False) -> Self: ...
    @property
    def kind(self) -> _Kind:
        """The identifier kind checked (``"rpps"``, ``"siret"``…)."""
    @property
    def valid(self) -> list[bool]:
        """Whether each value is valid, in order (a new list)."""
    @property
    def canonical(self) -> list[str | None]:
        """The canonical form of each value, ``None`` where it is invalid or missing, in order
        (a new list).
        """
    @property
    def codes(self) -> list[_FindingCode | None]:
        """The error code of each value (``None`` where it is valid; ``required`` where it is
        missing), in order (a new list).
        """
    def __len__(self) -> int: ...
    @overload
    def __getitem__(self, index: SupportsIndex, /) -> CheckResult: ...
    @overload
    def __getitem__(self, index: slice, /) -> CheckResults: ...
    def __iter__(self) -> Iterator[CheckResult]: ...
    def __eq__(self, other: object, /) -> bool: ...
    def __ne__(self, other: object, /) -> bool: ...
    def __getnewargs_ex__(self) -> tuple[tuple[_Kind, list[str | None]], dict[str, bool]]: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

def check(kind: _Kind, values: Iterable[_Value], *, test_mode: bool = False) -> CheckResults:
    """Checks every value as an identifier of ``kind`` and returns their ``CheckResults`` (a
    sequence of ``CheckResult``, one per value, in order). Invalid values do not raise: read
    ``valid``/``code`` on the results, or the columns ``valid``, ``canonical``, ``codes``.

    ``kind`` is one of ``KINDS`` (``"rpps"``, ``"idnat"``, ``"siret"``…); ``values`` any
    iterable but a ``str`` itself, of ``str``, integers (``int``, NumPy integers: their
    decimal text) and missing values (``None``, NaN, ``pandas.NA``: a result with the code
    ``required``) — a column of a data frame. An unknown kind raises ``ValueError``, a value
    of another type ``TypeError`` naming its index. The checks run with the GIL released.
    """

# --- nomenclatures (re-exported by rppsplus.nomenclature) -------------------------------

@final
class Code:
    """One code of a nomenclature table, ended or not: ``code``, ``label``, ``short_label``,
    ``status`` (``"active"`` or ``"deprecated"`` in the current version of the table),
    ``date_valid`` and ``date_fin`` (``datetime.date`` or ``None``) and ``replaced_by``.
    Two ``Code`` objects are equal when they are the same entry of the same table.
    """

    @property
    def code(self) -> str:
        """The code (``"326"``, ``"MME"``, ``"99100"``)."""
    @property
    def label(self) -> str:
        """The label."""
    @property
    def short_label(self) -> str | None:
        """The short label, where the source gives one."""
    @property
    def status(self) -> str:
        """``"active"`` or ``"deprecated"``: the status in the current version of the table."""
    @property
    def date_valid(self) -> datetime.date | None:
        """The date the code came into force, where the source gives one."""
    @property
    def date_fin(self) -> datetime.date | None:
        """The date the code ended, where it has."""
    @property
    def replaced_by(self) -> tuple[str, ...]:
        """The codes to use instead of this ended one, where the source names them."""
    def is_valid_at(self, at: datetime.date | str) -> bool:
        """Whether the code is in force on ``at`` (started and not ended): a ``datetime.date``
        or an ISO date ``"YYYY-MM-DD"``.
        """
    def is_ended_at(self, at: datetime.date | str) -> bool:
        """Whether the code has ended on ``at`` (a ``datetime.date`` or ``"YYYY-MM-DD"``)."""
    def __eq__(self, other: object, /) -> bool: ...
    def __ne__(self, other: object, /) -> bool: ...
    def __hash__(self) -> int: ...

@final
class Commune:
    """An entry of the INSEE COG: a commune, a commune déléguée or associée, or a municipal
    arrondissement.
    """

    @property
    def code(self) -> str:
        """The current INSEE code."""
    @property
    def name(self) -> str:
        """The official name."""
    @property
    def kind(self) -> str:
        """``"commune-actuelle"``, ``"commune-deleguee"``, ``"commune-associee"`` or
        ``"arrondissement-municipal"``.
        """
    @property
    def departement(self) -> str:
        """The département code (``"13"``, ``"2A"``, ``"971"``)."""
    @property
    def parent(self) -> Commune | None:
        """The commune an arrondissement, a commune déléguée or associée belongs to."""
    @property
    def old_codes(self) -> tuple[str, ...]:
        """The codes the commune had before (``("20004",)`` for Ajaccio)."""
    @property
    def postal_codes(self) -> tuple[str, ...]:
        """The postal codes of the commune (not commune codes)."""
    @property
    def population(self) -> int:
        """The municipal population (0 where the COG gives none)."""
    def __eq__(self, other: object, /) -> bool: ...
    def __ne__(self, other: object, /) -> bool: ...
    def __hash__(self) -> int: ...

@final
class CommuneResolution:
    """How ``resolve_commune()`` (or ``InseeCommune.resolve()``) resolved a code: the current
    ``commune``; ``from_old_code`` when the input was an old code of it (``20004`` →
    ``2A004``); ``also_postal_code_of``, the other communes whose postal code the input also
    is (``13003`` is Alleins and the postal code of Marseille 3e), worth a warning.
    """
    @property
    def commune(self) -> Commune:
        """The current entry."""
    @property
    def from_old_code(self) -> bool:
        """Whether the input was an old code of the commune."""
    @property
    def also_postal_code_of(self) -> list[Commune]:
        """The other communes whose postal code the input also is, largest first."""
    def __eq__(self, other: object, /) -> bool: ...
    def __ne__(self, other: object, /) -> bool: ...

@final
class Meta:
    """What a table and a value set both carry (the core's ``Meta``): ``name`` (the NOS name,
    ``"JDV_J121-RolePriseCharge-ENREG"``), ``short_name`` (the NOS code, ``"JDV_J121"``),
    ``oid``, ``url``, ``version`` (the embedded version, the latest known,
    ``"20260505120000"``), ``version_date`` (its ``datetime.date``) and ``description``.
    Read it as ``Table.meta`` or ``ValueSet.meta``.
    """

    @property
    def name(self) -> str:
        """The NOS name (``"TRE_R85-RolePriseCharge"``, ``"JDV_J121-RolePriseCharge-ENREG"``)."""
    @property
    def short_name(self) -> str:
        """The NOS code, the name up to its first ``-`` (``"TRE_R85"``, ``"JDV_J121"``)."""
    @property
    def oid(self) -> str:
        """The OID."""
    @property
    def url(self) -> str:
        """The canonical URL."""
    @property
    def version(self) -> str:
        """The embedded version (``yyyymmddhhmmss``), the latest known."""
    @property
    def version_date(self) -> datetime.date:
        """The date of the embedded version."""
    @property
    def description(self) -> str:
        """What the table or value set holds."""
    def __eq__(self, other: object, /) -> bool: ...
    def __ne__(self, other: object, /) -> bool: ...
    def __hash__(self) -> int: ...

@final
class VersionAt:
    """Which version of a table or value set was in force at a date (the core's
    ``VersionAt``), from ``version_at()``: ``name`` (the NOS name), ``version``, ``date`` (from
    which it was in force) and ``earliest_stands_in`` (the date asked is before every version
    known: the earliest known stands in for the one then in force, which the sources do not
    give). Equal when every field is.
    """

    @property
    def name(self) -> str:
        """The NOS name of the table or value set."""
    @property
    def version(self) -> str:
        """The version id (``"20241025120000"``)."""
    @property
    def date(self) -> datetime.date:
        """The date from which the version was in force."""
    @property
    def earliest_stands_in(self) -> bool:
        """Whether the earliest known version stands in for an earlier one the sources do not
        give.
        """
    def __eq__(self, other: object, /) -> bool: ...
    def __ne__(self, other: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class SetVersion:
    """One version of a value set (the core's ``SetVersion``): ``version``, ``date`` (from which
    it is in force) and its members, ``codes`` (``Code`` objects, in the source's order);
    ``len()``, ``in`` (a code ``str``) and iteration give the members.
    """

    @property
    def version(self) -> str:
        """The version id (``"20250425120000"``)."""
    @property
    def date(self) -> datetime.date:
        """The date from which the version is in force."""
    @property
    def codes(self) -> tuple[Code, ...]:
        """The members, in the source's order."""
    def __len__(self) -> int: ...
    def __iter__(self) -> Iterator[Code]: ...
    def __contains__(self, code: object, /) -> bool: ...
    def __eq__(self, other: object, /) -> bool: ...
    def __ne__(self, other: object, /) -> bool: ...
    def __hash__(self) -> int: ...

@final
class Table:
    """A nomenclature code system (a TRE table of the ANS NOS, or the INSEE country list):
    a read-only mapping of its codes, ended ones included, in the source's order. Its name,
    OID, URL and version are ``meta``; the codes a form offers at a date are
    ``rppsplus.nomenclature.list()``.
    """

    @property
    def meta(self) -> Meta:
        """Name, short name, OID, URL, version and its date, description."""
    @property
    def partial(self) -> bool:
        """Whether only part of the source table is embedded."""
    def get(self, code: str) -> Code | None:
        """The code ``code`` (exact spelling), ended or not, else ``None``."""
    def search(self, query: str, limit: int = 10) -> list[Code]:
        """The codes whose code, label or short label matches ``query`` (accents, case and
        punctuation ignored), best first; ``[]`` for an empty or over-long query or
        ``limit=0``.
        """
    def in_force_at(self, at: datetime.date | str) -> list[Code]:
        """The codes in force on ``at`` (a ``datetime.date`` or ``"YYYY-MM-DD"``: started and not
        ended), in the source's order.
        """
    def version_at(self, at: datetime.date | str) -> VersionAt:
        """The version in force on ``at`` (a ``datetime.date`` or ``"YYYY-MM-DD"``): only the
        embedded version of a table is known, with ``earliest_stands_in`` when ``at`` is before
        its date.
        """
    def __len__(self) -> int: ...
    def __iter__(self) -> Iterator[Code]: ...
    def __contains__(self, code: object, /) -> bool: ...
    def __getitem__(self, code: str, /) -> Code: ...
    def __eq__(self, other: object, /) -> bool: ...
    def __ne__(self, other: object, /) -> bool: ...
    def __hash__(self) -> int: ...

@final
class ValueSet:
    """A value set (JDV): the codes of a code system that a field of the portal offers, with
    every version of it the sources give. ``len()``, ``in`` and iteration are the members of
    the latest version (``latest``); at a date, the set offers the members of the version
    then in force (``members_at``) that are in force themselves (``offered_at``, what
    ``rppsplus.nomenclature.list()`` gives for a form).
    """

    @property
    def meta(self) -> Meta:
        """Name, short name, OID, URL, version (the latest known) and its date, description."""
    @property
    def system(self) -> Table:
        """The code system the codes come from."""
    @property
    def versions(self) -> tuple[SetVersion, ...]:
        """Every version known, oldest first (the last is ``latest``)."""
    @property
    def latest(self) -> SetVersion:
        """The latest version known (the embedded one)."""
    def members_at(self, at: datetime.date | str) -> SetVersion:
        """The version in force on ``at`` (a ``datetime.date`` or ``"YYYY-MM-DD"``): the latest
        dated on or before ``at``, or the earliest known before every version.
        """
    def offered_at(self, at: datetime.date | str) -> list[Code]:
        """The codes the set offers on ``at`` (a ``datetime.date`` or ``"YYYY-MM-DD"``), in the
        source's order: the members of the version then in force that are in force themselves.
        """
    def version_at(self, at: datetime.date | str) -> VersionAt:
        """Which version was in force on ``at`` (a ``datetime.date`` or ``"YYYY-MM-DD"``), and
        whether the earliest known stands in for it.
        """
    def display(self, code: Code | str) -> str | None:
        """The set's display label for ``code`` (a ``Code`` or a code ``str``) where it differs
        from the code system's label (JDV_J256: ``"France"`` for ``"99100"``), else ``None``.
        """
    def get(self, code: str) -> Code | None:
        """The code ``code`` (exact spelling) of the set's code system, or one the set takes
        from outside it (``"01"`` of JDV_J256), member or not, else ``None``.
        """
    def search(self, query: str, limit: int = 10) -> list[Code]:
        """``Table.search`` over the codes of the set's system and those it takes from outside
        it, also matching the set's display labels (``"France"`` finds ``"99100"``).
        """
    def check(self, code: str, at: datetime.date | str | None = None) -> Code:
        """The code if it may be entered for the field on ``at`` (a ``datetime.date``, an ISO
        date ``"YYYY-MM-DD"``, or ``None`` for today in UTC); else raises ``UnknownCode``,
        ``CodeDeprecated`` (with ``replaced_by``) or ``CodeNotAllowed``.
        """
    def __len__(self) -> int: ...
    def __iter__(self) -> Iterator[Code]: ...
    def __contains__(self, code: object, /) -> bool: ...
    def __eq__(self, other: object, /) -> bool: ...
    def __ne__(self, other: object, /) -> bool: ...
    def __hash__(self) -> int: ...

@final
class Communes:
    """The INSEE communes (COG) as a read-only mapping of current codes to ``Commune``, in
    code order, with the autocomplete ``search``. Get it with ``communes()``.
    """

    def get(self, code: str) -> Commune | None:
        """The entry of a current INSEE code, else ``None`` (see ``resolve`` for old codes)."""
    def search(self, query: str, limit: int = 10) -> list[Commune]:
        """Autocomplete by name: accent-, case- and punctuation-insensitive, best first."""
    def resolve(self, code: str) -> CommuneResolution:
        """``resolve_commune(code)``."""
    def __len__(self) -> int: ...
    def __iter__(self) -> Iterator[Commune]: ...
    def __contains__(self, code: object, /) -> bool: ...
    def __getitem__(self, code: str, /) -> Commune: ...

@final
class Entry:
    """One entry of ``list()`` or ``lookup()`` (the core's ``Entry``): ``code``, ``label`` (a
    commune's name), ``short_label``, ``display`` (the value set's own label where it differs
    from ``label``: what a form shows), ``status`` at the reference date, ``date_fin``,
    ``replaced_by``, ``offered`` (whether the portal offers the code for its field at that
    date; ``None`` for whole-table fields and communes) and ``commune`` (for the commune
    table).
    """
    @property
    def code(self) -> str:
        """The code."""
    @property
    def label(self) -> str:
        """The label (a commune's name)."""
    @property
    def short_label(self) -> str | None:
        """The short label, where the code system gives one."""
    @property
    def display(self) -> str | None:
        """The value set's display label where it differs from ``label`` (``"France"`` for
        ``"99100"`` in ``"pays"``): a form shows ``display or label``.
        """
    @property
    def status(self) -> str:
        """``"active"``, or ``"deprecated"`` when the code has ended by the reference date."""
    @property
    def date_fin(self) -> datetime.date | None:
        """The date the code ended, if it has."""
    @property
    def replaced_by(self) -> tuple[str, ...]:
        """What to use instead of an ended code."""
    @property
    def offered(self) -> bool | None:
        """Whether the portal offers the code for its field at the reference date."""
    @property
    def commune(self) -> Commune | None:
        """The commune, for the commune table."""
    def __eq__(self, other: object, /) -> bool: ...
    def __ne__(self, other: object, /) -> bool: ...

@final
class LookupResult:
    """What ``lookup()`` found: ``entries``, best first, and ``postal_code``, true when the
    query was a postal code typed as a commune code (the entries are the communes it
    serves).
    """
    @property
    def entries(self) -> list[Entry]:
        """The entries, best first."""
    @property
    def postal_code(self) -> bool:
        """Whether the query was a postal code typed as a commune code."""
    def __len__(self) -> int: ...
    def __eq__(self, other: object, /) -> bool: ...
    def __ne__(self, other: object, /) -> bool: ...

# "commune" gives communes, any other table name codes.
@overload
def nomenclature_get(table: Literal["commune"], code: str) -> Commune | None:  # type: ignore[overload-overlap]
    """The code ``code`` of ``table`` (an alias such as ``"profession"``, the NOS name or code
    of a table or value set), ended or not, or the ``Commune`` of a current INSEE code for
    ``"commune"``; ``None`` when absent. An unknown table raises ``UnknownTable``.
    """
@overload
def nomenclature_get(table: str, code: str) -> Code | None:
    """The code ``code`` of ``table`` (an alias such as ``"profession"``, the NOS name or code
    of a table or value set), ended or not, or the ``Commune`` of a current INSEE code for
    ``"commune"``; ``None`` when absent. An unknown table raises ``UnknownTable``.
    """
@overload
def nomenclature_search(table: Literal["commune"], query: str, *, limit: int = 10) -> list[Commune]:  # type: ignore[overload-overlap]
    """Label search in ``table``, best first: ``Code`` objects whose code, label, short label
    or display label (``"pays"``: ``"France"``) matches, or ``Commune`` objects for
    ``"commune"`` (the autocomplete). ``[]`` for an empty or over-long query, or
    ``limit=0``; a negative ``limit`` raises ``ValueError``.
    """
@overload
def nomenclature_search(table: str, query: str, *, limit: int = 10) -> list[Code]:
    """Label search in ``table``, best first: ``Code`` objects whose code, label, short label
    or display label (``"pays"``: ``"France"``) matches, or ``Commune`` objects for
    ``"commune"`` (the autocomplete). ``[]`` for an empty or over-long query, or
    ``limit=0``; a negative ``limit`` raises ``ValueError``.
    """
def nomenclature_lookup(
    table: str, query: str, *, at: datetime.date | str | None = None, limit: int = 10
) -> LookupResult:
    """Looks ``query`` up in ``table`` as the CLI's ``rppsplus lookup``: the entry with that
    exact code first, else the best ``limit`` label matches, with their status at ``at`` (a
    ``datetime.date``, an ISO date ``"YYYY-MM-DD"``, or ``None`` for today in UTC). For
    ``"commune"``, a postal code gives the communes it serves (``postal_code=True``).
    """
def nomenclature_list(name: str, *, at: datetime.date | str | None = None) -> list[Entry]:
    """Every code ``name`` offers on ``at`` (a ``datetime.date``, an ISO date ``"YYYY-MM-DD"``,
    or ``None`` for today in UTC), in the source's order, for a form's list: the CLI's
    ``rppsplus lookup TABLE`` without a query. A portal field alias gives the codes its value
    set offers then (``"profession"``: JDV_J121 as it stood that day, each code in force), or
    its table's codes in force when the portal offers the whole table (``"sexe"``); a value
    set's NOS name or code (``"JDV_J121"``) that set's, a table's (``"TRE_R85"``) its codes in
    force; ``"commune"`` every commune. Show ``entry.display or entry.label``. An unknown
    name raises ``UnknownTable``.
    """
def nomenclature_field(name: str) -> ValueSet | Table:
    """What the field ``name`` accepts: the ``ValueSet`` the portal offers for a field alias
    (``"profession"``: JDV_J121), or its ``Table`` when the portal offers the whole table
    (``"sexe"``); the value set or table a NOS name or code names (``"JDV_J121"``,
    ``"TRE_R85"``). Both have ``meta`` and ``version_at()``. An unknown name raises
    ``UnknownTable``.
    """
def nomenclature_check(field: str, code: str, *, at: datetime.date | str | None = None) -> Code:
    """The code if it may be entered for ``field`` on ``at`` (a ``datetime.date``, an ISO date
    ``"YYYY-MM-DD"``, or ``None`` for today in UTC): checked
    against the value set the portal offers for the field (an alias such as
    ``"profession"``, or a value set name such as ``"JDV_J121"``), else against the whole
    table (``"sexe"``, ``"TRE_R85"``). Raises ``UnknownCode``, ``CodeDeprecated`` (with
    ``replaced_by``), ``CodeNotAllowed`` or ``UnknownTable``.
    """
def nomenclature_table(name: str) -> Table:
    """The code system ``name``: an alias (``"profession"``), a NOS name
    (``"TRE_R85-RolePriseCharge"``) or code (``"TRE_R85"``). The communes are not a code
    system: see ``communes()``. An unknown name raises ``UnknownTable``.
    """
def nomenclature_tables() -> list[Table]:
    """Every embedded code system."""
def nomenclature_value_set(name: str) -> ValueSet:
    """The value set ``name``: a NOS name (``"JDV_J121-RolePriseCharge-ENREG"``) or code
    (``"JDV_J121"``), or a portal field alias (``"profession"``) whose field has one.
    An unknown name raises ``UnknownTable``.
    """
def nomenclature_value_sets() -> list[ValueSet]:
    """Every embedded value set."""
def nomenclature_aliases() -> tuple[str, ...]:
    """The portal field aliases every function taking a table name accepts besides NOS names,
    the core's one list (``"commune"`` is the name of ``communes()`` for ``get``, ``search``,
    ``lookup`` and ``list``).
    """
def communes() -> Communes:
    """The INSEE communes (COG): ``len(communes()) == 37590``."""
def resolve_commune(code: str) -> CommuneResolution:
    """Resolves a commune code: a current code, or an old one (``20004`` → Ajaccio). A postal
    code (``75015``) or a code no commune has raises ``UnknownCode`` (whose message names the
    communes a postal code serves); a malformed code ``InvalidFormat``/``InvalidLength``.
    """

# --- demandes (docs/domain.md §4) ------------------------------------------------------

class _ErrorDetails(TypedDict):
    # The pydantic-core shape of one error of Report.errors() (not a runtime class).
    type: _FindingCode
    loc: tuple[str | int, ...]
    msg: str
    msg_en: str
    severity: _Severity

class _FindingDict(TypedDict):
    path: str
    code: _FindingCode
    severity: _Severity
    message: str
    message_en: str

class _ReportDict(TypedDict):
    valid: bool
    findings: list[_FindingDict]

@final
class Finding:
    """One finding of a report: ``path`` (JSON path, e.g. ``etat_civil.prenoms[1]``, ``""``
    for the whole document) and ``loc`` (the same as a tuple), ``code`` (stable, e.g.
    ``required``), ``severity`` (``"error"`` or ``"warning"``), ``message`` (French) and
    ``message_en``.

    Findings come from ``validate()``; the constructor rebuilds one from its ``loc`` and the
    rest (``pickle`` does): ``Finding(("etat_civil", "prenoms", 1), "invalid_format",
    "error", message, message_en)``.
    """
    def __new__(
        cls, loc: tuple[str | int, ...], code: _FindingCode, severity: _Severity, message: str, message_en: str
    ) -> Self: ...
    @property
    def path(self) -> str:
        """The JSON path of the field (``""`` for the whole document)."""
    @property
    def code(self) -> _FindingCode:
        """The stable code (``required``, ``invalid_format``, ``code_deprecated``…)."""
    @property
    def severity(self) -> _Severity:
        """``"error"`` or ``"warning"``."""
    @property
    def message(self) -> str:
        """The French message (never contains the values of the état civil or the contact)."""
    @property
    def message_en(self) -> str:
        """The English message."""
    @property
    def loc(self) -> tuple[str | int, ...]:
        """The location as a tuple, as ``errors()`` gives it."""
    def to_dict(self) -> _FindingDict:
        """``{"path", "code", "severity", "message", "message_en"}``."""
    def __eq__(self, other: object, /) -> bool: ...
    def __ne__(self, other: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class Report:
    """The result of validating one demande: ``valid`` (no error; warnings allowed) and every
    ``findings``, in the core's deterministic order.

    ``len(report)`` is the number of findings and iterating gives them. ``bool(report)``
    raises ``TypeError``: a ``Report`` with findings may be valid (warnings) and an invalid
    one is not empty, so write ``report.valid`` or ``len(report)``.

    Reports come from ``validate()``; the constructor rebuilds one from its findings
    (``pickle`` does): ``Report(report.findings) == report``.
    """
    def __new__(cls, findings: Iterable[Finding] | None = None, /) -> Self: ...
    @property
    def valid(self) -> bool:
        """Whether the demande has no error (warnings allowed)."""
    @property
    def findings(self) -> list[Finding]:
        """Every finding (errors and warnings), in order."""
    def errors(self) -> list[_ErrorDetails]:
        """The errors in the pydantic-core shape, in order: ``{"type": code, "loc": path as a
        tuple (e.g. ``("etat_civil", "prenoms", 1)``), "msg": French message, "msg_en":
        English message, "severity": "error"}``. Warnings are left out.
        """
    def error_count(self) -> int:
        """The number of errors (warnings not counted)."""
    def to_json(self) -> str:
        """The report as JSON text, as the CLI and the C face write it:
        ``{"valid": …, "findings": [{"path", "code", "severity", "message", "message_en"}…]}``.
        """
    def to_dict(self) -> _ReportDict:
        """``{"valid": bool, "findings": [dict…]}``, the shape of ``to_json()``."""
    def raise_for_errors(self) -> None:
        """Raises ``ValidationError`` (a ``RppsplusError``) carrying this report when it has
        errors; does nothing for a valid one.
        """
    def __len__(self) -> int: ...
    def __iter__(self) -> Iterator[Finding]: ...
    def __bool__(self) -> NoReturn: ...
    def __eq__(self, other: object, /) -> bool: ...
    def __ne__(self, other: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

_Demande = dict[str, Any] | str | bytes

def validate(
    demande: _Demande,
    *,
    reference_date: datetime.date | str | None = None,
    stage: _Stage = ...,
    actor: _Actor = ...,
    test_mode: bool = False,
) -> Report:
    """Validates one demande (docs/domain.md §4) and returns its ``Report``; an invalid demande
    does not raise (see ``Report.raise_for_errors()``).

    ``demande`` is a ``dict`` (converted to JSON faithfully: a wrong type is a finding at its
    path; a ``datetime.date``, or a ``datetime`` at midnight, is written ``YYYY-MM-DD``), a
    data frame's row (a flat ``dict`` with the collection file's dotted keys,
    ``"etat_civil.nom_naissance"``, read as a CSV row is: ``None``, NaN and ``pandas.NA`` are
    empty cells, numbers and dates are written as text), or JSON text as ``str`` or ``bytes``
    (invalid JSON or UTF-8 is an ``invalid_json`` finding). ``reference_date``
    (``datetime.date``, ``"YYYY-MM-DD"`` or ``None`` for today in UTC) is the date at which
    codes must be in force; ``stage`` one of ``STAGES`` (default ``"submit"``); ``actor``
    one of ``ACTORS`` (default ``"gestionnaire"``); ``test_mode`` accepts test identities.
    An unknown stage or actor raises ``ValueError``.
    """
def validate_many(
    demandes: Iterable[_Demande],
    *,
    reference_date: datetime.date | str | None = None,
    stage: _Stage = ...,
    actor: _Actor = ...,
    test_mode: bool = False,
) -> list[Report]:
    """Validates every demande of an iterable (each a ``dict``, a row, ``str`` or ``bytes``, as
    for ``validate()``: ``df.to_dict("records")`` is such an iterable) and returns their
    reports, in order. The keywords are ``validate()``'s. The same person or RPPS number as an
    earlier demande of the iterable is ``duplicate``, naming that demande's index (as in a JSON
    document or a collection file).

    The demandes are read in batches (128 demandes) and validated by the core with the GIL
    released; past one batch, on worker threads (as many as the validation needs, up to the
    number of cores) while the next batches are read. Ctrl-C stops it between batches
    (``KeyboardInterrupt``). An item of another type raises ``TypeError`` naming its index.
    """
@final
class CsvRow:
    """One item of a collection file: a demande's row, or (from ``iter_csv()`` only) the
    findings about the file itself.

    ``line`` is the physical line where the row starts (the header is line 1), ``record`` its
    row in the spreadsheet after the header, from 1 (blank rows count), ``report`` its
    ``Report``. For the findings about the file, ``is_file`` is true and ``line`` and
    ``record`` are ``None``. A row unpacks as ``(line, report)``: ``for line, report in
    validate_csv(path)`` reads the demandes. Compares by value and pickles.
    """
    def __new__(cls, line: int | None, record: int | None, report: Report) -> Self: ...
    @property
    def line(self) -> int | None:
        """The physical line where the demande's row starts; ``None`` for the file's findings."""
    @property
    def record(self) -> int | None:
        """The demande's row in the spreadsheet after the header, from 1; ``None`` for the
        file's findings.
        """
    @property
    def report(self) -> Report:
        """The demande's ``Report``, or the findings about the file."""
    @property
    def is_file(self) -> bool:
        """Whether these are the findings about the file itself, not a demande's."""
    def __len__(self) -> int: ...
    def __getitem__(self, index: int, /) -> int | Report | None: ...
    def __iter__(self) -> Iterator[int | Report | None]: ...
    def __eq__(self, other: object, /) -> bool: ...
    def __ne__(self, other: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class CsvReports:
    """What ``validate_csv()`` returns: the demandes of a collection file, a sequence of
    ``CsvRow`` (``len()``, indexes, slices, iteration), and ``file``, the ``Report`` of the
    findings about the file itself (its encoding, its columns, a limit reached), which is no
    demande: an empty report when there are none. Compares by value and pickles.
    """
    def __new__(
        cls,
        rows: Iterable[CsvRow],
        file: Report,
        source: str | os.PathLike[str] | None = None,
        sheet: str | None = None,
    ) -> Self: ...
    @property
    def file(self) -> Report:
        """The findings about the file itself (no demande), as a ``Report``."""
    @property
    def source(self) -> pathlib.Path | None:
        """The file the demandes were read from (``None`` for reports built by hand)."""
    def to_xlsx(self, path: str | os.PathLike[str], *, only_invalid: bool = False) -> None:
        """Writes the annotated report of the file to ``path`` as XLSX (docs/domain.md §4.6):
        its rows as they came (the file read again), each cell a finding points at
        highlighted with its messages as a comment, a « Constats » column, and a summary
        sheet (counts per code and per field, a chart of the most frequent findings, the
        findings about the file). With ``only_invalid``, the valid demandes are counted, not
        written. Raises ``OSError`` when a file cannot be read or written.
        """
    def to_csv(self, path: str | os.PathLike[str], *, only_invalid: bool = False) -> None:
        """Writes the annotated report of the file to ``path`` as CSV (UTF-8 with a BOM, ``;``):
        ``Ligne`` and ``Constats`` columns, then the file's rows as they came; the findings
        about the file as rows of their own. ``only_invalid`` and the errors as
        ``to_xlsx()``'s.
        """
    def __len__(self) -> int: ...
    @overload
    def __getitem__(self, index: int, /) -> CsvRow: ...
    @overload
    def __getitem__(self, index: slice, /) -> list[CsvRow]: ...
    def __iter__(self) -> Iterator[CsvRow]: ...
    def __eq__(self, other: object, /) -> bool: ...
    def __ne__(self, other: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class CsvIter:
    """The iterator of ``iter_csv()``: ``CsvRow`` items, in file order."""
    def __iter__(self) -> Self: ...
    def __next__(self) -> CsvRow: ...

def validate_csv(
    path: str | os.PathLike[str],
    *,
    sheet: str | None = None,
    reference_date: datetime.date | str | None = None,
    stage: _Stage = ...,
    actor: _Actor = ...,
    test_mode: bool = False,
) -> CsvReports:
    """Validates a collection file (docs/domain.md §4.6: what Excel writes, read as it means) and
    returns its ``CsvReports``: a ``CsvRow`` per demande, and ``file``, the findings about the
    file itself. The file is CSV, or a workbook (``.xlsx``, ``.xlsm``, ``.ods``, ``.xls``,
    known by its content, whatever its name: typed cells read as its CSV export holds them;
    ``line`` is a row's number in the sheet) whose ``sheet`` is read (the first one by
    default). The other keywords are ``validate()``'s. The file is read and
    validated by the core with the GIL released, on every core; Ctrl-C stops it
    (``KeyboardInterrupt``); a missing or unreadable file raises ``OSError``
    (``FileNotFoundError``…). Every report is kept: for a file of millions of rows, read
    ``iter_csv()``.
    """

def template(
    path: str | os.PathLike[str],
    format: _SheetFormat | None = None,
    at: datetime.date | str | None = None,
) -> None:
    """Writes the empty collection file to ``path`` (docs/domain.md §4.6): ``format="xlsx"``
    (the portal's labels as headers, a comment on each, a dropdown on each coded column of
    the values in force at ``at``, dates as date cells, a sheet « Codes ») or ``"csv"`` (the
    headers, UTF-8 with a BOM, ``;``); ``None`` is the extension's (``.csv``, ``.xlsx``),
    else ``"xlsx"``. ``at`` is a ``datetime.date`` or ``"YYYY-MM-DD"``; ``None`` is today in
    UTC. Raises ``OSError`` when the file cannot be written.
    """

def write_report(
    reports: CsvReports | Iterable[Report | CsvRow],
    path: str | os.PathLike[str],
    *,
    only_invalid: bool = False,
) -> None:
    """Writes the annotated report of ``reports`` to ``path`` (``.xlsx`` or ``.csv``, by its
    extension): what ``validate_csv()`` returns (its rows read again from its file, as
    ``CsvReports.to_xlsx()`` does), or a sequence of ``Report`` (from ``validate()`` or
    ``validate_many()``: rows numbered from 1) or of ``CsvRow``, without the file's cells:
    each row's number and findings, and the summary. With ``only_invalid``, the valid
    demandes are counted, not written. Raises ``OSError`` when the file cannot be written,
    ``ValueError`` for another extension.
    """

def iter_csv(
    path: str | os.PathLike[str],
    *,
    sheet: str | None = None,
    reference_date: datetime.date | str | None = None,
    stage: _Stage = ...,
    actor: _Actor = ...,
    test_mode: bool = False,
) -> CsvIter:
    """Iterates over a collection file, CSV or a workbook (as ``validate_csv()`` reads it) and yields a
    ``CsvRow`` per item, in file order, as the core makes them: the findings about the file
    itself (``row.is_file``: the header's first, a later one where it is found) and each
    demande. Memory stays bounded whatever the file: a few chunks of rows are validated
    ahead, on every core, with the GIL released. A missing file raises ``OSError`` at once;
    ``break`` (or dropping the iterator) stops the reading.

    ``for line, report in iter_csv(path)`` reads the items as pairs, ``line`` ``None`` for
    the file's findings.
    """

# --- CPx cards (re-exported by rppsplus.cpx) --------------------------------------------

@final
class Reader:
    """A smart card reader, as the PC/SC service lists it: ``name`` (pass it as ``reader=``)
    and whether a card is in it (``card_present``). Compares by value and pickles.
    """
    def __new__(cls, name: str, card_present: bool) -> Self: ...
    @property
    def name(self) -> str:
        """The reader's name, as the PC/SC service gives it."""
    @property
    def card_present(self) -> bool:
        """Whether a card is in the reader."""
    def __eq__(self, other: object, /) -> bool: ...
    def __ne__(self, other: object, /) -> bool: ...
    def __hash__(self) -> int: ...
    def __getnewargs__(self) -> tuple[str, bool]: ...

@final
class PinStatus:
    """The state of the holder's PIN: ``tries_left`` before it blocks, and ``blocked``.
    Compares by value and pickles.
    """
    def __new__(cls, tries_left: int, blocked: bool) -> Self: ...
    @property
    def tries_left(self) -> int:
        """The tries left before the PIN blocks."""
    @property
    def blocked(self) -> bool:
        """Whether the PIN is blocked."""
    def __eq__(self, other: object, /) -> bool: ...
    def __ne__(self, other: object, /) -> bool: ...
    def __hash__(self) -> int: ...
    def __getnewargs__(self) -> tuple[int, bool]: ...

@final
class Holder:
    """The holder of a card, from its authentication certificate (read without PIN): ``id_nat``
    (``8`` + RPPS, ``0`` + ADELI, or structure-based on a staff card), ``id_nat_type`` (its
    TRE_G08 code), ``rpps``, ``nom``, ``prenom``, ``profession``.

    Personal data (docs/domain.md §7): the ``repr()`` shows none of it. Compares by value; not
    picklable (a holder comes from a card, never from arguments).
    """
    @property
    def id_nat(self) -> str:
        """The national identifier (idNat)."""
    @property
    def id_nat_type(self) -> str:
        """The type of the idNat, its TRE_G08 code: ``"8"`` (RPPS), ``"0"`` (ADELI), ``"3"``
        (FINESS + local number)…
        """
    @property
    def rpps(self) -> str | None:
        """The RPPS number (11 digits) when the idNat is ``8`` + RPPS, else ``None``."""
    @property
    def nom(self) -> str:
        """The nom (surname), as the certificate writes it."""
    @property
    def prenom(self) -> str:
        """The prénom (given name), as the certificate writes it."""
    @property
    def profession(self) -> str | None:
        """The profession's label (``"Médecin"``…), ``None`` on a staff card."""
    def __eq__(self, other: object, /) -> bool: ...
    def __ne__(self, other: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class Card:
    """What a CPx card tells without PIN: ``generation`` (one of ``GENERATIONS``),
    ``card_type`` (one of ``CARD_TYPES``), ``serial`` (8 digits) and ``holder``.

    ``to_json()`` gives the JSON of ``rppsplus card read --format json``. The ``repr()``
    hides the holder. Compares by value; not picklable (a card is read, never built).
    """
    @property
    def generation(self) -> _Generation:
        """The generation: ``"cps3"``, ``"cps3_contactless"`` or ``"cps4"``."""
    @property
    def card_type(self) -> _CardType:
        """The type of card, as TRE_R87-TypeCarte names it: ``"CPS"`` (a professional's card) or
        ``"CPE"`` (a staff card), told by the holder's idNat.
        """
    @property
    def serial(self) -> str:
        """The serial number, 8 digits."""
    @property
    def holder(self) -> Holder:
        """The holder."""
    def to_json(self) -> str:
        """The card as JSON, as ``rppsplus card read --format json`` prints it:
        ``{"generation","card_type","serial","holder":{"id_nat","id_nat_type","rpps","nom","prenom","profession"}}``.
        """
    def __eq__(self, other: object, /) -> bool: ...
    def __ne__(self, other: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

def cpx_readers() -> list[Reader]:
    """The smart card readers the PC/SC service knows (possibly none), each with whether a card
    is in it. Raises ``ServiceAbsent`` without a PC/SC library or service.
    """
def cpx_read(reader: str | None = None) -> Card:
    """Reads the CPx card in ``reader`` (by name; ``None``: the first reader holding a card)
    without PIN: generation, type, serial number, holder. One card transaction.

    Raises ``CardError`` (``code``: ``no_reader``, ``unknown_reader``, ``no_card``,
    ``not_cpx``, ``card_removed``…) or ``ServiceAbsent``.
    """
def cpx_pin_status(reader: str | None = None) -> PinStatus:
    """The state of the holder's PIN in ``reader`` (``None``: the first reader holding a card),
    without presenting it. Raises ``CardError`` as ``read()``.
    """
def cpx_verify_pin(pin: str | bytes, reader: str | None = None) -> None:
    """Verifies the holder's PIN (``str`` or ``bytes``, 4 to 8 digits) on the card in
    ``reader`` (``None``: the first reader holding a card). Returns ``None`` when the card
    accepts it.

    The PIN is read from the caller's object in place; its copies inside the library are
    wiped after use (the PC/SC library's buffers are outside it); it is sent once, never
    retried, never kept; the card is reset afterwards. Raises ``InvalidPin`` before anything is sent (not
    4 to 8 digits), ``WrongPin`` (``tries_left``), ``PinBlocked``, or ``CardError`` as
    ``read()``.
    """
def cpx_wait_for_card(reader: str, present: bool = True, timeout: float = 30.0) -> bool:
    """Waits until the reader named ``reader`` holds a card (``present=True``) or is empty;
    returns ``False`` when ``timeout`` seconds pass first. Raises ``ServiceAbsent``.
    """

@final
class SimCard:
    """A simulated CPx card, for tests: **synthetic data only** (a test RPPS identity, a
    self-signed certificate, PIN ``SimCard.PIN``), built from the public facts of
    docs/cards.md.

    Use it in process (``read()``, ``pin_status()``, ``verify_pin()``: the library's own
    code over the simulated card), or ``serve_vpcd()`` it to vsmartcard's vpcd so that a
    real pcscd, and so ``rppsplus.cpx.read()``, sees it. The card keeps its state (the PIN
    counter) across calls and servings.
    """

    PIN: ClassVar[str]
    """The PIN of every simulated card (``"1234"``)."""
    @staticmethod
    def cps3() -> SimCard:
        """A CPS3 (contact) of a doctor with a test RPPS number."""
    @staticmethod
    def cps3_contactless() -> SimCard:
        """A CPS3 read without contact."""
    @staticmethod
    def cps4() -> SimCard:
        """A CPS4."""
    @staticmethod
    def cpe() -> SimCard:
        """A CPE (staff card, structure-based idNat, no profession)."""
    def with_pin_blocked(self) -> SimCard:
        """A copy of this card whose PIN is blocked."""
    def remove_after(self, apdus: int) -> SimCard:
        """A copy of this card that is pulled out of its reader after ``apdus`` commands."""
    @property
    def pin_tries(self) -> int:
        """The tries left on the PIN counter."""
    @property
    def apdu_count(self) -> int:
        """The command APDUs the card has answered."""
    @property
    def reset_count(self) -> int:
        """How many times the card was reset (after each use of the PIN)."""
    def read(self) -> Card:
        """Reads this card in process, as ``rppsplus.cpx.read()`` reads a real one."""
    def pin_status(self) -> PinStatus:
        """The PIN state of this card, as ``rppsplus.cpx.pin_status()``."""
    def verify_pin(self, pin: str | bytes) -> None:
        """Verifies a PIN on this card, as ``rppsplus.cpx.verify_pin()``."""
    def serve_vpcd(self, timeout: float = 20.0) -> VirtualCard:
        """Inserts this card in vsmartcard's vpcd reader (listening on ``127.0.0.1:35963``) and
        serves it from a thread of this process until ``VirtualCard.remove()``; waits up to
        ``timeout`` seconds for each step (the reader listed and empty, the card shown). Raises
        ``OSError`` when vpcd does not listen, ``TimeoutError`` when a step does not happen,
        a ``CardError`` (``ServiceAbsent``…) from the PC/SC service; the card then stays this
        ``SimCard``'s, with its state.
        """

@final
class VirtualCard:
    """A ``SimCard`` in vpcd's reader, served by a thread of this process (``SimCard.serve_vpcd()``):
    ``reader`` is the reader's name. ``remove()`` (or leaving a ``with`` block) pulls the card
    out and gives it back to its ``SimCard``, with its state.
    """
    @property
    def reader(self) -> str:
        """The name of the reader holding the card."""
    def remove(self) -> None:
        """Pulls the card out of the reader (the PC/SC service sees a removal) and gives it back
        to its ``SimCard``; does nothing the second time.
        """
    def __enter__(self) -> Self: ...
    def __exit__(self, *_exc: object) -> None: ...

# --- lifecycle --------------------------------------------------------------------------

@final
class HistoryEntry:
    """One event of a demande's history: ``event``, ``actor``, the statut before (``from_``;
    ``None`` for the creation) and after (``to``; ``None`` once discarded by ``annuler``),
    ``at`` (an aware ``datetime`` in UTC), the ``motif`` given and the ``rpps`` number
    ``accepter`` assigned to a primo enregistrement.

    ``to_dict()`` gives the JSON's shape (``{"event", "actor", "from", "to", "at", "motif"?,
    "rpps"?}``, ``at`` as RFC 3339 text). Compares by value and pickles; the constructor
    rebuilds an entry from its fields (it checks their names, not that the step is a row of
    the table: a demande's history is checked when it is loaded).
    """
    def __new__(
        cls,
        event: _Event,
        actor: _Actor,
        from_: _Status | None,
        to: _Status | None,
        at: datetime.datetime | str,
        motif: str | None = None,
        rpps: str | None = None,
    ) -> Self: ...
    def __getnewargs__(
        self,
    ) -> tuple[_Event, _Actor, _Status | None, _Status | None, str, str | None, str | None]: ...
    @property
    def event(self) -> _Event:
        """The event (one of ``EVENTS``)."""
    @property
    def actor(self) -> _Actor:
        """Who sent it (one of ``ACTORS``)."""
    @property
    def from_(self) -> _Status | None:
        """The statut before (one of ``STATUSES``); ``None`` for the event that created the
        demande.
        """
    @property
    def to(self) -> _Status | None:
        """The statut after; ``None`` once ``annuler`` discarded the demande."""
    @property
    def at(self) -> datetime.datetime:
        """When it was applied: an aware ``datetime`` in UTC (to the microsecond; ``to_dict()``
        and the JSON keep the clock's full precision).
        """
    @property
    def motif(self) -> str | None:
        """The motif given with the event, if any."""
    @property
    def rpps(self) -> str | None:
        """The RPPS number ``accepter`` assigned to a primo enregistrement, if any."""
    def to_dict(self) -> dict[str, str]:
        """The entry as its JSON's ``dict``: ``{"event", "actor", "from", "to", "at", "motif"?,
        "rpps"?}`` (``at`` RFC 3339 text in UTC).
        """
    def __eq__(self, other: object, /) -> bool: ...
    def __ne__(self, other: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class Demande:
    """A demande in its lifecycle (docs/lifecycle.md): its number, its content and its history,
    from which its ``status`` follows. One method per event of ``EVENTS``: ``creer()`` and
    ``envoyer()`` create one on its own (``Registry.creer()`` and ``Registry.envoyer()`` in a
    registry); ``soumettre()``, ``abandonner()``, ``prendre_en_charge()``, ``valider()``,
    ``refuser(motif=…)``, ``annuler()``, ``accepter(rpps=…)``, ``refuser_rpps(motif=…)``,
    ``rejeter(motif=…)`` and ``modifier(demande)`` move it and return the ``HistoryEntry``
    appended; ``apply(event, …)`` sends any event by name.

    Every event method takes the same arguments, and the core refuses what an event does not
    carry (``unexpected_argument``): the new content ``demande`` (``modifier``; a ``dict``, or
    JSON ``str`` or ``bytes``), ``rpps=`` (``accepter``), ``actor=`` (by default the actor the
    transition table gives the event from the demande's statut: ``modifier`` is the holder's;
    else the gestionnaire), ``motif=`` (recorded with any event) and ``at=`` (an aware
    ``datetime`` or RFC 3339 ``str``: the time of the event; by default the system clock's).
    A refused event raises a ``WorkflowError`` (``TransitionRefused`` with ``allowed``,
    ``GuardFailed`` with the ``Report``…) and changes nothing.

    A registry's demande (from ``Registry.creer()``, ``Registry.demande()``) reads and moves
    the registry's: its events are applied there, journal included, and it sees the events
    other threads apply. A demande on its own pickles (as its JSON); a registry's does not.
    Its content, état civil and contact included, is the program's data: no ``repr`` shows
    it.
    """
    @staticmethod
    def creer(demande: _Demande, /, *, actor: _Actor | None = None, motif: str | None = None, at: _At = None) -> Demande:
        """``creer``: creates a demande on its own from ``demande`` (a ``dict``, or JSON ``str``
        or ``bytes``, docs/domain.md §4), numbered ``P`` + the creation time in UTC. The
        professionnel creates a primo enregistrement through FranceConnect; the gestionnaire
        (the default actor) any demande.
        """
    @staticmethod
    def envoyer(demande: _Demande, /, *, actor: _Actor | None = None, motif: str | None = None, at: _At = None) -> Demande:
        """``envoyer``: a registered professional sends an update (``modification_informations``
        or ``modification_nom_prenom_exercice``) straight to the RPPS; validated first.
        """
    @staticmethod
    def from_json(json: str | bytes) -> Demande:
        """Loads a demande on its own from its JSON (``to_json()``'s: ``{"numero", "demande",
        "history"}``, ``str`` or ``bytes``), replaying its history through the machine.
        Raises ``HistoryInvalid`` (``index``, ``cause``) for an impossible history,
        ``WorkflowError`` (``invalid_json``, ``history_empty``) otherwise.
        """
    def apply(self, event: _Event, demande: _Demande | None = None, /, *, actor: _Actor | None = None, motif: str | None = None, rpps: str | None = None, at: _At = None) -> HistoryEntry:
        """Sends ``event`` (one of ``EVENTS``; not a creation) by name, with what it carries:
        the event methods call this.
        """
    def soumettre(self, demande: _Demande | None = None, /, *, actor: _Actor | None = None, motif: str | None = None, rpps: str | None = None, at: _At = None) -> HistoryEntry:
        """``soumettre``: the professionnel sends the pre-registration to the gestionnaire
        (validated first).
        """
    def abandonner(self, demande: _Demande | None = None, /, *, actor: _Actor | None = None, motif: str | None = None, rpps: str | None = None, at: _At = None) -> HistoryEntry:
        """``abandonner``: the professionnel gives the pre-registration up."""
    def prendre_en_charge(self, demande: _Demande | None = None, /, *, actor: _Actor | None = None, motif: str | None = None, rpps: str | None = None, at: _At = None) -> HistoryEntry:
        """``prendre_en_charge``: the gestionnaire takes the pre-registration in hand."""
    def valider(self, demande: _Demande | None = None, /, *, actor: _Actor | None = None, motif: str | None = None, rpps: str | None = None, at: _At = None) -> HistoryEntry:
        """``valider``: the gestionnaire validates and sends to the RPPS (validated first: a
        failure raises ``GuardFailed`` with the whole ``Report``).
        """
    def refuser(self, demande: _Demande | None = None, /, *, actor: _Actor | None = None, motif: str | None = None, rpps: str | None = None, at: _At = None) -> HistoryEntry:
        """``refuser``: the gestionnaire refuses a professional's demande; ``motif`` required."""
    def annuler(self, demande: _Demande | None = None, /, *, actor: _Actor | None = None, motif: str | None = None, rpps: str | None = None, at: _At = None) -> HistoryEntry:
        """``annuler``: the gestionnaire discards a demande it created (``status`` becomes
        ``None``).
        """
    def accepter(self, demande: _Demande | None = None, /, *, actor: _Actor | None = None, motif: str | None = None, rpps: str | None = None, at: _At = None) -> HistoryEntry:
        """``accepter``: the RPPS accepts; ``rpps`` is the RPPS number it assigns to a primo
        enregistrement (and only then). In a registry, the dossier is created or updated.
        """
    def refuser_rpps(self, demande: _Demande | None = None, /, *, actor: _Actor | None = None, motif: str | None = None, rpps: str | None = None, at: _At = None) -> HistoryEntry:
        """``refuser_rpps``: the RPPS refuses; ``motif`` required."""
    def rejeter(self, demande: _Demande | None = None, /, *, actor: _Actor | None = None, motif: str | None = None, rpps: str | None = None, at: _At = None) -> HistoryEntry:
        """``rejeter``: the RPPS rejects technically; ``motif`` required."""
    def modifier(self, demande: _Demande | None = None, /, *, actor: _Actor | None = None, motif: str | None = None, rpps: str | None = None, at: _At = None) -> HistoryEntry:
        """``modifier``: the actor holding the demande (by default) replaces its content with
        ``demande``; the statut stays. Fields FranceConnect certified, the procedure and the
        numbers may not change (``GuardFailed``, ``not_modifiable``).
        """
    @property
    def numero(self) -> str:
        """The demande number (``P`` + the creation time in UTC)."""
    @property
    def status(self) -> _Status | None:
        """The statut (one of ``STATUSES``); ``None`` once discarded by ``annuler``."""
    @property
    def label(self) -> str | None:
        """The portal's label of the statut (French); ``None`` once discarded."""
    @property
    def is_terminal(self) -> bool:
        """Whether no event may follow: a terminal statut, or discarded."""
    @property
    def is_discarded(self) -> bool:
        """Whether ``annuler`` discarded the demande."""
    @property
    def created_by(self) -> _Actor:
        """Who created the demande (one of ``ACTORS``)."""
    @property
    def rpps(self) -> str | None:
        """The person's RPPS number: the demande's, or the one ``accepter`` assigned."""
    @property
    def history(self) -> list[HistoryEntry]:
        """Every event applied, oldest first (never empty)."""
    @property
    def content(self) -> dict[str, object]:
        """The content, as a ``dict`` of the demande's JSON (docs/domain.md §4), its ``numero``
        the demande's.
        """
    def allowed(self, actor: _Actor) -> tuple[_Event, ...]:
        """The events ``actor`` may send now, in the table's order (none on a terminal or
        discarded demande): the table's from the statut, but those reserved to demandes the
        other actor created.
        """
    @property
    def dossier(self) -> dict[str, object] | None:
        """The person's dossier (a registry's demande whose person is registered; else
        ``None``), as a ``dict``: ``{"rpps", "etat_civil", "contact", "nom_exercice",
        "prenom_exercice", "situations"}`` — état civil and contact included.
        """
    @property
    def public_dossier(self) -> dict[str, object] | None:
        """The public view of the person's dossier (docs/domain.md §7: no état civil, no
        contact), as ``rppsplus workflow run`` prints it; ``None`` as ``dossier``.
        """
    def to_json(self) -> str:
        """The demande as JSON: ``{"numero", "demande", "history"}``, which ``from_json()`` loads."""
    def __reduce__(self) -> tuple[Callable[[str], Demande], tuple[str]]: ...

@final
class Registry:
    """The registry (docs/lifecycle.md): demandes by number, dossiers by RPPS number, at most one
    pending demande per RPPS number. ``Registry()`` is in memory; ``Registry.open(path)``
    keeps it in a journal file (JSON Lines, each event ``fsync``ed before the call returns;
    ``durability="flush"`` and ``sync()`` for batches), rebuilt by replaying it: a journal
    cut by a crash reopens to its complete lines (``torn_tail`` says what was cut), one
    edited by hand raises ``JournalCorrupt`` and is left as it is.

    Safe to share between threads: each call holds the registry's lock for its whole check,
    journal write and commit, with the GIL released. A refused call changes nothing, journal
    included. ``creer()`` and ``envoyer()`` create a demande and return it as a ``Demande`` of
    the registry, whose event methods apply here. Not picklable (it owns its journal).
    """
    def __new__(cls) -> Self: ...
    @staticmethod
    def open(path: str | os.PathLike[str], *, durability: _Durability = ...) -> Registry:
        """The registry kept in the journal at ``path`` (``str`` or ``os.PathLike``; created when
        it does not exist), rebuilt by replaying it. ``durability``: ``"fsync"`` (each event
        on disk before the call returns) or ``"flush"`` (until ``sync()``). Raises
        ``JournalCorrupt`` (``line``, ``cause``) or ``WorkflowError`` (``journal_io``;
        ``journal_locked`` while another registry, in this process or another, holds the
        journal: a registry holds it until it and every ``Demande`` of it are gone).
        """
    def creer(self, demande: _Demande, /, *, actor: _Actor | None = None, motif: str | None = None, at: _At = None) -> Demande:
        """``creer``: creates a demande here (see ``Demande.creer``), numbered uniquely in the
        registry. A demande for a registered person needs their dossier here
        (``dossier_not_found``) and no other pending demande (``PendingDemande``).
        """
    def envoyer(self, demande: _Demande, /, *, actor: _Actor | None = None, motif: str | None = None, at: _At = None) -> Demande:
        """``envoyer``: a registered professional's update sent straight to the RPPS, here (see
        ``Demande.envoyer``).
        """
    def demande(self, numero: str) -> Demande | None:
        """The demande with this number, or ``None``. Raises the identifier's error
        (``InvalidFormat``…) for a text that is not a demande number.
        """
    def demandes(self) -> list[Demande]:
        """Every demande, by number."""
    def pending(self, rpps: str) -> Demande | None:
        """The pending (non-terminal) demande of this RPPS number, or ``None``. Raises the
        identifier's error for a text that is not an RPPS number.
        """
    def dossier(self, rpps: str) -> dict[str, object] | None:
        """The dossier of this RPPS number, or ``None``, as a ``dict``: ``{"rpps",
        "etat_civil", "contact", "nom_exercice", "prenom_exercice", "situations"}`` — état
        civil and contact included. Raises the identifier's error for a text that is not an
        RPPS number.
        """
    def public_dossier(self, rpps: str) -> dict[str, object] | None:
        """The public view of the dossier of this RPPS number (docs/domain.md §7: no état civil,
        no contact), or ``None``.
        """
    def import_dossier(self, dossier: _Demande) -> None:
        """Imports the dossier of a person registered before the registry existed (a ``dict``,
        or JSON ``str`` or ``bytes``: ``{"rpps", "etat_civil", "contact", "nom_exercice",
        "prenom_exercice", "situations"}``), so that demandes may concern them. Raises
        ``WorkflowError`` (``invalid_json``, ``dossier_inconsistent``, ``dossier_exists``).
        """
    def sync(self) -> None:
        """``fsync``s the journal: with ``durability="flush"``, the events applied so far are on
        disk once this returns (a batch: several events, one sync, then acknowledge them).
        Nothing to do in memory.
        """
    @property
    def torn_tail(self) -> tuple[int, int] | None:
        """The torn tail cut off when the journal was opened, as ``(line, bytes)`` (the line it
        would have been, from 1, and its size), or ``None``.
        """

# --- Arrow (re-exported by rppsplus.arrow) -----------------------------------------------

class _ArrowArrayExportable(Protocol):
    def __arrow_c_array__(self, requested_schema: object | None = None, /) -> tuple[object, object]: ...

class _ArrowStreamExportable(Protocol):
    def __arrow_c_stream__(self, requested_schema: object | None = None, /) -> object: ...

_Arrow: TypeAlias = _ArrowArrayExportable | _ArrowStreamExportable
"""An object of the Arrow PyCapsule interface (pyarrow, Polars, pandas, DuckDB)."""

@final
class ArrowResult:
    """The result of ``rppsplus.arrow.check()`` or ``rppsplus.arrow.validate()``: an Arrow
    struct array (a table of columns), which any Arrow library takes without a copy through the
    Arrow PyCapsule interface: ``pyarrow.array(result)`` (a ``StructArray``),
    ``pyarrow.table(result)``, ``polars.Series(result)``, ``polars.DataFrame(result)``,
    ``duckdb.sql("select * from result")``. It is exported as an array
    (``__arrow_c_array__``) and as a stream of one array (``__arrow_c_stream__``);
    ``len(result)`` is its number of rows.
    """

    def __arrow_c_schema__(self) -> object:
        """x"""
    def __arrow_c_array__(self, requested_schema: object | None = None) -> tuple[object, object]:
        """x"""
    def __arrow_c_stream__(self, requested_schema: object | None = None) -> object:
        """x"""
    def __len__(self) -> int: ...

def arrow_check(kind: _Kind, column: _Arrow, *, test_mode: bool = False) -> ArrowResult:
    """Checks every value of an Arrow column as an identifier of ``kind`` and returns an Arrow
    struct array of the same length: ``valid`` (bool), ``canonical`` (the canonical form of a
    valid value), ``code`` and ``message`` (the stable error code and the French message of
    an invalid one). A null value gives a null row.

    ``column`` is any Arrow array or chunked array, given through the Arrow PyCapsule
    interface (``__arrow_c_array__`` or ``__arrow_c_stream__``): a pyarrow ``Array`` or
    ``ChunkedArray``, a Polars ``Series``, a pandas ``Series``, a DuckDB query result of one
    column. Its values are read in place, never as Python objects: strings (``string``,
    ``large_string``, ``string_view``), dictionary-encoded strings, or integers (in decimal).
    The result is one ``ArrowResult`` array: ``pyarrow.array(result)``,
    ``polars.Series(result)``. Another argument, or values of another type, raise
    ``TypeError``; an unknown kind ``ValueError``. The checks run with the GIL released, on
    every core.
    """

def arrow_validate(
    table: _Arrow,
    *,
    reference_date: datetime.date | str | None = None,
    stage: _Stage = ...,
    actor: _Actor = ...,
    test_mode: bool = False,
) -> ArrowResult:
    """Validates the demandes of an Arrow table, one per row, and returns their findings as an
    Arrow table (an ``ArrowResult``: ``pyarrow.table(result)``, ``polars.DataFrame(result)``):
    ``row`` (the row's index from 0; null for a finding about the table itself), ``path``,
    ``code``, ``severity``, ``message`` (French) and ``message_en``, in row order. A row
    without findings has none; a valid demande may have warnings.

    The columns are the collection file's (docs/domain.md §4.6): the JSON paths flattened with
    ``.`` (``etat_civil.nom_naissance``), or struct columns that hold them (a nested Parquet
    dataset: the field ``nom_naissance`` of the struct ``etat_civil``); an unknown column is an
    ``invalid_csv`` finding of the table and is ignored. Rows are read as the CSV's: a null or
    empty cell is absent, ``etat_civil.prenoms`` separated by ``,``, dates ``YYYY-MM-DD`` or
    ``JJ/MM/AAAA``; the same person or RPPS number as an earlier row is ``duplicate`` (naming
    that row's index). Columns of other types are written as text first: integers and
    decimals in decimal, booleans ``true``/``false``, dates and timestamps at midnight
    ``YYYY-MM-DD``, float NaN as null.

    ``table`` is any Arrow table or record batch through the Arrow PyCapsule interface: a
    pyarrow ``Table``, a Polars or pandas ``DataFrame``, a DuckDB query result. The keywords
    are ``validate()``'s. Validation runs with the GIL released, on every core.
    """
