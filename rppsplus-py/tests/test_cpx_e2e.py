"""``rppsplus.cpx`` through a real pcscd: a ``SimCard`` (synthetic data) served to vsmartcard's
vpcd from this process, read back through the PC/SC library.

Runs only when ``RPPSPLUS_PCSC_E2E=1`` says a pcscd with the vpcd driver is up:
``scripts/pcscd-e2e.sh`` starts one and sets it."""

from __future__ import annotations

import os

import pytest

from rppsplus import cpx

pytestmark = pytest.mark.skipif(
    os.environ.get("RPPSPLUS_PCSC_E2E") != "1",
    reason="set RPPSPLUS_PCSC_E2E=1 with pcscd and vsmartcard-vpcd running (scripts/pcscd-e2e.sh)",
)


def test_the_simulated_card_through_pcscd() -> None:
    card = cpx.SimCard.cps3()
    expected = cpx.SimCard.cps3().read()
    with card.serve_vpcd() as inserted:
        reader = inserted.reader
        assert cpx.Reader(reader, True) in cpx.readers()
        assert cpx.read(reader) == expected
        assert cpx.read() == expected  # the first reader holding a card
        assert cpx.pin_status(reader) == cpx.PinStatus(3, False)
        with pytest.raises(cpx.WrongPin) as wrong:
            cpx.verify_pin("9999", reader)
        assert wrong.value.tries_left == 2
        with pytest.raises(cpx.InvalidPin):
            cpx.verify_pin("12", reader)
        assert cpx.pin_status(reader).tries_left == 2
        cpx.verify_pin(b"1234", reader)
        assert cpx.pin_status(reader) == cpx.PinStatus(3, False)
        with pytest.raises(cpx.CardError) as unknown:
            cpx.read("no such reader")
        assert unknown.value.code == "unknown_reader"
        with pytest.raises(RuntimeError):
            card.read()  # in the reader, not in this process's hands
    # Removed: the card is back, with its state; the reader is empty.
    assert card.pin_tries == 3 and card.reset_count >= 2
    assert cpx.wait_for_card(reader, present=False, timeout=20)
    with pytest.raises(cpx.CardError) as e:
        cpx.read(reader)
    assert e.value.code == "no_card"
    # Pulled out in the middle of a read.
    with card.remove_after(10).serve_vpcd() as inserted:
        with pytest.raises(cpx.CardError) as e:
            cpx.read(inserted.reader)
        assert e.value.code == "card_removed"
