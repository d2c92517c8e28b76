"""CPx cards (CPS, CPE… in their CPS3 and CPS4 generations) through PC/SC: the readers, the
card and its holder read without PIN, the PIN status and check::

    >>> from rppsplus import cpx
    >>> card = cpx.SimCard.cps3()           # a simulated card: synthetic data
    >>> read = card.read()                  # cpx.read() reads a real one the same way
    >>> read.generation, read.card_type, read.holder.rpps
    ('cps3', 'CPS', '99700000013')
    >>> card.verify_pin("0000")
    Traceback (most recent call last):
    rppsplus.WrongPin: code porteur faux : il reste 2 essais
    >>> card.pin_status()
    PinStatus(tries_left=2, blocked=False)

``readers()`` lists the readers; ``read(reader=None)``, ``pin_status(reader=None)`` and
``verify_pin(pin, reader=None)`` work on the card in the reader named ``reader``, or in the
first reader holding a card. Each call is one card transaction with the GIL released;
nothing is kept between calls.

The PC/SC library is loaded at run time (pcsc-lite on Linux, the PCSC framework on macOS,
WinSCard on Windows; ``RPPSPLUS_PCSC_LIBRARY`` names another): importing this module works
everywhere, and without a library or a running service the functions raise
``ServiceAbsent``. Errors are ``CardError`` (an ``RppsplusError``) with ``code`` in
``CARD_ERROR_CODES``; ``InvalidPin`` (nothing sent), ``WrongPin`` (``tries_left``) and
``PinBlocked`` are subclasses. A PIN (``str`` or ``bytes``) is never kept and never appears
in a ``repr`` or an exception; a ``Holder``'s ``repr`` hides the holder's data.

``SimCard`` is for tests: its methods run the library over the simulated card in process,
and ``SimCard.serve_vpcd()`` inserts it in vsmartcard's vpcd reader so that a real pcscd,
and so ``read()``, sees it (docs/cards.md).

Everything is a thin binding of ``rppsplus_core::cpx``.
"""

from ._rppsplus import (
    CARD_ERROR_CODES,
    CARD_TYPES,
    GENERATIONS,
    Card,
    CardError,
    Holder,
    InvalidPin,
    PinBlocked,
    PinStatus,
    Reader,
    ServiceAbsent,
    SimCard,
    VirtualCard,
    WrongPin,
)
from ._rppsplus import cpx_pin_status as pin_status
from ._rppsplus import cpx_read as read
from ._rppsplus import cpx_readers as readers
from ._rppsplus import cpx_verify_pin as verify_pin
from ._rppsplus import cpx_wait_for_card as wait_for_card

__all__ = [
    "CARD_ERROR_CODES",
    "CARD_TYPES",
    "GENERATIONS",
    "Card",
    "CardError",
    "Holder",
    "InvalidPin",
    "PinBlocked",
    "PinStatus",
    "Reader",
    "ServiceAbsent",
    "SimCard",
    "VirtualCard",
    "WrongPin",
    "pin_status",
    "read",
    "readers",
    "verify_pin",
    "wait_for_card",
]
