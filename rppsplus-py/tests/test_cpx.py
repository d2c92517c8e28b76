"""``rppsplus.cpx`` without a reader: the simulated card in process (synthetic data), the PIN
rules, the errors, confidentiality, pickling, and the functions on a machine without PC/SC."""

from __future__ import annotations

import json
import os
import pickle
import subprocess
import sys

import pytest

import rppsplus
from rppsplus import cpx


def test_a_simulated_cps3_read_in_process() -> None:
    card = cpx.SimCard.cps3()
    read = card.read()
    assert (read.generation, read.card_type, read.serial) == ("cps3", "CPS", "90000301")
    holder = read.holder
    assert (holder.id_nat, holder.id_nat_type, holder.rpps) == ("899700000013", "8", "99700000013")
    assert holder.nom == "SYNTHETIQUE" and holder.profession == "Médecin" and holder.prenom
    assert read.generation in cpx.GENERATIONS and read.card_type in cpx.CARD_TYPES
    assert json.loads(read.to_json()) == {
        "generation": "cps3",
        "card_type": "CPS",
        "serial": "90000301",
        "holder": {
            "id_nat": holder.id_nat,
            "id_nat_type": "8",
            "rpps": "99700000013",
            "nom": holder.nom,
            "prenom": holder.prenom,
            "profession": "Médecin",
        },
    }
    assert read == card.read()


def test_other_cards() -> None:
    cpe = cpx.SimCard.cpe().read()
    assert cpe.card_type == "CPE" and cpe.holder.rpps is None and cpe.holder.profession is None
    assert cpx.SimCard.cps4().read().generation == "cps4"
    assert cpx.SimCard.cps3_contactless().read().generation == "cps3_contactless"


def test_the_pin_counter() -> None:
    card = cpx.SimCard.cps3()
    assert card.pin_status() == cpx.PinStatus(3, False)
    with pytest.raises(cpx.WrongPin) as wrong:
        card.verify_pin("0000")
    assert (wrong.value.code, wrong.value.kind, wrong.value.tries_left) == ("wrong_pin", "card", 2)
    assert isinstance(wrong.value, rppsplus.CardError) and isinstance(wrong.value, OSError)
    assert card.pin_tries == 2 and card.pin_status().tries_left == 2
    card.verify_pin(cpx.SimCard.PIN.encode())  # bytes too
    assert card.pin_tries == 3 and card.reset_count >= 2


@pytest.mark.parametrize("bad", ["", "123", "123456789", "12a4", "12 4", "１２３４", "12\ud8004", b"12\x004"])
def test_a_bad_pin_is_refused_before_anything_is_sent(bad: str | bytes) -> None:
    card = cpx.SimCard.cps3()
    with pytest.raises(cpx.InvalidPin) as e:
        card.verify_pin(bad)
    assert e.value.code == "invalid_pin" and card.apdu_count == 0 and card.pin_tries == 3
    # The argument is wrong: a ValueError, and a CardError like every card error.
    assert isinstance(e.value, ValueError) and isinstance(e.value, cpx.CardError)
    assert str(e.value) == e.value.message and e.value.kind == "card"


def test_card_errors_are_os_errors_and_only_a_bad_pin_is_a_value_error() -> None:
    assert issubclass(cpx.CardError, OSError) and not issubclass(cpx.CardError, ValueError)
    assert not issubclass(cpx.CardError, rppsplus.RppsplusError)
    for cls in (cpx.ServiceAbsent, cpx.WrongPin, cpx.PinBlocked):
        assert issubclass(cls, cpx.CardError) and not issubclass(cls, ValueError), cls
    assert issubclass(cpx.InvalidPin, cpx.CardError) and issubclass(cpx.InvalidPin, ValueError)
    assert cpx.InvalidPin.__module__ == "rppsplus" and cpx.InvalidPin.__doc__
    with pytest.raises(OSError) as e:
        cpx.SimCard.cps3().remove_after(5).read()
    assert isinstance(e.value, cpx.CardError)
    assert (e.value.code, e.value.errno, str(e.value)) == ("card_removed", None, e.value.message)
    try:  # an `except ValueError` around input handling does not swallow a card failure
        cpx.SimCard.cps3().remove_after(0).read()
    except ValueError:
        raise AssertionError("a card failure caught as a ValueError") from None
    except cpx.CardError as card_error:
        assert card_error.code == "card_removed"
    else:
        raise AssertionError("no CardError")


def test_a_pin_of_another_type_is_a_type_error_naming_no_value() -> None:
    with pytest.raises(TypeError, match="must be str or bytes, not int"):
        cpx.SimCard.cps3().verify_pin(1234)  # type: ignore[arg-type]


def test_a_blocked_pin_is_not_sent() -> None:
    card = cpx.SimCard.cps3().with_pin_blocked()
    assert card.pin_status() == cpx.PinStatus(tries_left=0, blocked=True)
    with pytest.raises(cpx.PinBlocked) as e:
        card.verify_pin(cpx.SimCard.PIN)
    assert e.value.tries_left == 0


def test_a_card_pulled_out_mid_read() -> None:
    with pytest.raises(cpx.CardError) as e:
        cpx.SimCard.cps3().remove_after(5).read()
    assert e.value.code == "card_removed" and type(e.value) is cpx.CardError


def test_no_holder_data_and_no_pin_in_reprs_and_errors() -> None:
    card = cpx.SimCard.cps3()
    read = card.read()
    shown = repr(read) + repr(read.holder) + repr(card)
    for secret in (read.holder.nom, read.holder.prenom, read.holder.id_nat, "Médecin"):
        assert secret not in shown
    assert repr(read.holder) == "Holder(<redacted>)"
    with pytest.raises(cpx.WrongPin) as e:
        card.verify_pin("9876")
    assert "9876" not in str(e.value) + e.value.message_en + repr(e.value)


def test_values_and_errors_pickle() -> None:
    for value in (cpx.Reader("Virtual PCD 00 00", True), cpx.PinStatus(2, False)):
        assert pickle.loads(pickle.dumps(value)) == value
    with pytest.raises(cpx.WrongPin) as e:
        cpx.SimCard.cps3().verify_pin("0000")
    again = pickle.loads(pickle.dumps(e.value))
    assert type(again) is cpx.WrongPin and again.tries_left == 2 and again.code == "wrong_pin"
    with pytest.raises(cpx.InvalidPin) as bad:
        cpx.SimCard.cps3().verify_pin("12")
    again_bad = pickle.loads(pickle.dumps(bad.value))
    assert type(again_bad) is cpx.InvalidPin and again_bad.code == "invalid_pin"
    assert str(again_bad) == str(bad.value)
    with pytest.raises(TypeError):
        pickle.dumps(cpx.SimCard.cps3().read())


def test_reprs() -> None:
    assert repr(cpx.Reader("R 00 00", False)) == "Reader('R 00 00', card_present=False)"
    assert repr(cpx.PinStatus(3, False)) == "PinStatus(tries_left=3, blocked=False)"
    assert repr(cpx.SimCard.cps3().read()).startswith("Card(generation='cps3', card_type='CPS'")


def test_without_the_pcsc_library_every_function_raises_service_absent() -> None:
    # In a child process: the PC/SC library is loaded once per process.
    script = """
import rppsplus
from rppsplus import cpx
for call in (cpx.readers, cpx.read, cpx.pin_status, lambda: cpx.verify_pin("1234"),
             lambda: cpx.read("Virtual PCD 00 00"), lambda: cpx.wait_for_card("R", timeout=0.1)):
    try:
        call()
    except cpx.ServiceAbsent as e:
        assert e.code == "service_absent" and isinstance(e, rppsplus.CardError), e
    else:
        raise AssertionError("no ServiceAbsent")
try:
    cpx.verify_pin("12")
except cpx.InvalidPin:
    pass  # checked before the service is asked
else:
    raise AssertionError("no InvalidPin")
# A card that cannot be served stays its SimCard's, with its state.
card = cpx.SimCard.cps3().with_pin_blocked()
try:
    card.serve_vpcd(timeout=0.1)
except cpx.ServiceAbsent as e:
    assert isinstance(e, OSError), e
else:
    raise AssertionError("served without a PC/SC service")
assert card.pin_tries == 0 and card.read().serial == "90000301"
print("ok")
"""
    env = dict(os.environ, RPPSPLUS_PCSC_LIBRARY="/nonexistent/libpcsclite.so.1")
    out = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0 and out.stdout.strip() == "ok", out.stderr


def test_names_are_the_cores() -> None:
    assert cpx.CARD_ERROR_CODES[0] == "service_absent" and "wrong_pin" in cpx.CARD_ERROR_CODES
    assert cpx.GENERATIONS == ("cps3", "cps3_contactless", "cps4") and cpx.CARD_TYPES == ("CPS", "CPE")
    assert rppsplus.CARD_ERROR_CODES is cpx.CARD_ERROR_CODES

