"""The lifecycle from Python (rppsplus.workflow): one method per event of the core's list, the
sample scenario, refusals that change nothing (demande, registry, journal), journals cut at
every byte of their last lines and reopened, threads on one registry, errors, times, pickling
and confidentiality."""

from __future__ import annotations

import copy
import datetime
import json
import pickle
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

import rppsplus
from rppsplus import workflow
from rppsplus.workflow import Demande, HistoryEntry, Registry

ROOT = Path(__file__).resolve().parents[2]
SCENARIO = json.loads((ROOT / "examples" / "data" / "scenario.json").read_text(encoding="utf-8"))
RPPS = "10107985318"
UTC = datetime.timezone.utc
# The confidential values of the scenario's demande.
CONFIDENTIAL = ("1999-05-05", "nathalie.dupont@example.org", "730494959")
MODIFICATION = {
    "procedure": "modification_informations",
    "rpps": RPPS,
    "contact": {"email": "n.dupont@example.org"},
    "confirmations": {"cgu_acceptees": True, "rencontre_en_personne": True},
}
# The methods of Demande that are not events.
NOT_EVENTS = {
    "apply",
    "from_json",
    "to_json",
    "allowed",
    "numero",
    "status",
    "label",
    "is_terminal",
    "is_discarded",
    "created_by",
    "rpps",
    "history",
    "content",
    "dossier",
    "public_dossier",
}


def at(minutes: int) -> datetime.datetime:
    return datetime.datetime(2026, 11, 23, 9, 30, tzinfo=UTC) + datetime.timedelta(minutes=minutes)


def fc_primo() -> dict[str, Any]:
    return copy.deepcopy(SCENARIO["demande"])


def play(registry: Registry) -> Demande:
    """The sample scenario on `registry`, through the event methods."""
    first, *rest = SCENARIO["events"]
    d = registry.creer(fc_primo(), actor=first["actor"], at=first["at"])
    for e in rest:
        args = {k: e[k] for k in ("motif", "rpps", "at") if k in e}
        getattr(d, e["event"])(e.get("demande"), actor=e["actor"], **args)
    return d


def registered() -> Registry:
    """A registry where the scenario's person is registered, nothing pending."""
    registry = Registry()
    play(registry)
    return registry


def test_one_method_per_event_of_the_core() -> None:
    public = {n for n in dir(Demande) if not n.startswith("_")}
    assert public - NOT_EVENTS == set(rppsplus.EVENTS)
    assert {n for n in dir(Registry) if n in rppsplus.EVENTS} == {"creer", "envoyer"}
    assert workflow.EVENTS is rppsplus.EVENTS


def test_every_event_method_applies_its_event() -> None:
    applied: dict[str, str] = {}

    def check(entry: HistoryEntry, d: Demande, event: str) -> None:
        assert entry.event == event and d.history[-1] == entry
        applied[event] = entry.to or "discarded"

    # The professional's pre-registration, taken in hand, edited, validated, accepted.
    d = Demande.creer(fc_primo(), actor="professionnel", at=at(0))
    applied["creer"] = d.status or ""
    check(d.soumettre(at=at(1)), d, "soumettre")
    check(d.prendre_en_charge(at=at(2)), d, "prendre_en_charge")
    edited = fc_primo()
    edited["confirmations"]["rencontre_en_personne"] = True
    check(d.modifier(edited, at=at(3)), d, "modifier")
    check(d.valider(at=at(4)), d, "valider")
    check(d.accepter(rpps=RPPS, at=at(5)), d, "accepter")
    # Given up; refused by the gestionnaire; by the RPPS; rejected.
    d = Demande.creer(fc_primo(), actor="professionnel", at=at(0))
    check(d.abandonner(at=at(1)), d, "abandonner")
    d = Demande.creer(fc_primo(), actor="professionnel", at=at(0))
    d.soumettre(at=at(1))
    check(d.refuser(motif="pièce manquante", at=at(2)), d, "refuser")
    for event in ("refuser_rpps", "rejeter"):
        d = Demande.creer(edited, at=at(0))
        d.valider(at=at(1))
        check(getattr(d, event)(motif="dossier incomplet", at=at(2)), d, event)
    # Discarded by the gestionnaire who created it.
    d = Demande.creer({"procedure": "primo_enregistrement"}, at=at(0))
    check(d.annuler(at=at(1)), d, "annuler")
    assert d.status is None and d.is_discarded and d.label is None
    # Sent by a registered professional.
    registry = registered()
    sent = registry.envoyer(MODIFICATION, at=at(9000))
    applied["envoyer"] = sent.status or ""
    assert sent.history[0].event == "envoyer" and sent.created_by == "professionnel"
    assert set(applied) == set(rppsplus.EVENTS)
    assert applied["accepter"] == "validee_rpps" and applied["annuler"] == "discarded"


def test_the_sample_scenario() -> None:
    registry = Registry()
    d = play(registry)
    assert (d.numero, d.status, d.label) == ("P20261123093000", "validee_rpps", "Enregistrement RPPS validé")
    assert [e.event for e in d.history] == [e["event"] for e in SCENARIO["events"]]
    assert d.history[-1].rpps == RPPS and d.rpps == RPPS
    assert d.history[0].at == datetime.datetime(2026, 11, 23, 9, 30, tzinfo=UTC)
    assert d.is_terminal and all(d.allowed(a) == () for a in rppsplus.ACTORS)
    public = d.public_dossier
    assert public is not None and public["situations"][0]["id"] == d.numero
    assert "etat_civil" not in public and "contact" not in public
    assert d.dossier is not None and d.dossier["etat_civil"]["date_naissance"] == "1999-05-05"
    assert registry.public_dossier(RPPS) == public and registry.dossier("101 0798 5318") == d.dossier
    # The JSON's entries of a creation or an edit also carry the content they brought.
    written = [{k: v for k, v in e.items() if k != "demande"} for e in json.loads(d.to_json())["history"]]
    assert [e.to_dict() for e in d.history] == written
    assert d.content["situation"]["nom_exercice"] == "DUPONT" and d.content["numero"] == d.numero
    # The same run on a demande of its own.
    alone = Demande.from_json(d.to_json())
    assert alone.to_json() == d.to_json() and alone.dossier is None
    assert [x.numero for x in registry.demandes()] == [d.numero]
    assert registry.demande(d.numero) is not None and registry.pending(RPPS) is None


def test_the_default_actor_is_the_tables() -> None:
    d = Demande.creer(fc_primo(), actor="professionnel", at=at(0))
    assert d.modifier(fc_primo(), at=at(1)).actor == "professionnel"
    d.soumettre(at=at(2))
    assert d.modifier(fc_primo(), at=at(3)).actor == "gestionnaire"
    assert Demande.creer({"procedure": "primo_enregistrement"}).created_by == "gestionnaire"


def test_refusals_change_nothing() -> None:
    d = Demande.creer({"procedure": "ajout_situation"}, at=at(0))
    before = d.to_json()
    with pytest.raises(workflow.TransitionRefused) as refused:
        d.accepter(rpps=RPPS)
    assert refused.value.allowed == () and refused.value.code == "transition_refused"
    with pytest.raises(workflow.TransitionRefused) as refused:
        d.prendre_en_charge()
    assert refused.value.allowed == ("valider", "annuler", "modifier") == d.allowed("gestionnaire")
    assert "allowed: valider, annuler, modifier" in refused.value.message_en
    with pytest.raises(workflow.GuardFailed) as failed:
        d.valider(at=at(1))
    report = failed.value.report
    assert isinstance(report, rppsplus.Report) and not report.valid
    assert any(f.path == "rpps" for f in report.findings)
    for call, code in [
        (lambda: d.refuser(motif="x"), "wrong_creator"),
        (lambda: d.annuler(rpps="10107985319"), "invalid_rpps"),
        (lambda: d.annuler(rpps=RPPS), "unexpected_argument"),
        (lambda: d.valider({"procedure": "ajout_situation"}), "unexpected_argument"),
        (lambda: d.modifier({"procedure": 3}), "invalid_json"),
        (lambda: d.modifier({"procedure": "primo_enregistrement"}), "guard_failed"),
        (lambda: d.annuler(at="2026-11-23"), "invalid_timestamp"),
        (lambda: d.annuler(at=at(-1)), "time_backwards"),
    ]:
        with pytest.raises(workflow.WorkflowError) as e:
            call()
        assert e.value.code == code and e.value.kind == "workflow"
        assert e.value.message and e.value.message_en and str(e.value) == e.value.message
        assert d.to_json() == before
    professional = Demande.creer(fc_primo(), actor="professionnel")
    professional.soumettre()
    with pytest.raises(workflow.WorkflowError) as e:
        professional.refuser(motif="  ")
    assert e.value.code == "motif_required" and professional.status == "en_cours_instruction"


def test_a_registry_refuses_a_second_pending_demande_and_its_journal_is_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "demandes.jsonl"
    registry = Registry.open(path)
    play(registry)
    first = registry.creer(MODIFICATION)
    assert registry.pending(RPPS) is not None and registry.pending(RPPS).numero == first.numero  # type: ignore[union-attr]
    journal = path.read_bytes()
    with pytest.raises(workflow.PendingDemande) as e:
        registry.creer(MODIFICATION)
    assert e.value.pending == first.numero
    with pytest.raises(workflow.TransitionRefused):
        first.accepter()
    stranger = dict(MODIFICATION, rpps="10000000009")
    with pytest.raises(workflow.WorkflowError) as e:
        registry.creer(stranger)
    assert e.value.code == "dossier_not_found"
    assert path.read_bytes() == journal
    with pytest.raises(rppsplus.InvalidLength):
        registry.demande("P2026")
    with pytest.raises(rppsplus.InvalidChecksum):
        registry.dossier("10107985319")
    assert registry.demande("P20991123093000") is None and registry.dossier("10000000009") is None


def test_dossiers_import_and_refuse_inconsistency() -> None:
    registry = Registry()
    dossier = {
        "rpps": "10000000009",
        "etat_civil": {},
        "contact": {},
        "situations": [{"id": "S1", "structure": {"finess": "970405593"}, "profession": "326"}],
    }
    registry.import_dossier(dossier)
    with pytest.raises(workflow.WorkflowError) as e:
        registry.import_dossier(json.dumps(dossier))
    assert e.value.code == "dossier_exists"
    twice = dict(dossier, rpps=RPPS, situations=dossier["situations"] * 2)
    with pytest.raises(workflow.WorkflowError) as e:
        registry.import_dossier(twice)
    assert e.value.code == "dossier_inconsistent"
    with pytest.raises(workflow.WorkflowError) as e:
        registry.import_dossier({"rpps": RPPS, "etat_civil": {}, "contact": {}})
    assert e.value.code == "invalid_json"
    closing = {
        "procedure": "fermeture_situation",
        "rpps": "10000000009",
        "situation": {"id": "S1", "date_fin_fonction": "2026-11-01", "motif_fin": "CHA"},
        "confirmations": {"cgu_acceptees": True, "rencontre_en_personne": True},
    }
    d = registry.creer(closing, at=at(0))
    d.valider(at=at(1))
    d.accepter(at=at(2))
    assert d.public_dossier is not None and d.public_dossier["situations"][0]["date_fin_fonction"] == "2026-11-01"


def test_a_journal_cut_at_any_byte_of_its_last_lines_reopens(tmp_path: Path) -> None:
    path = tmp_path / "demandes.jsonl"
    play(Registry.open(path, durability="flush"))
    full = path.read_bytes()
    lines = full.splitlines(keepends=True)
    assert len(lines) == len(SCENARIO["events"])
    start = len(full) - len(lines[-1]) - len(lines[-2])
    expected = {}
    for kept in (len(lines) - 2, len(lines) - 1):
        ref = tmp_path / f"ref{kept}.jsonl"
        ref.write_bytes(b"".join(lines[:kept]))
        expected[kept] = Registry.open(ref).demande("P20261123093000").to_json()  # type: ignore[union-attr]
    for cut in range(start, len(full)):
        path.write_bytes(full[:cut])
        registry = Registry.open(path)
        complete = full[:cut].count(b"\n")
        torn = cut - len(b"".join(lines[:complete]))
        assert registry.torn_tail == ((complete + 1, torn) if torn else None), cut
        assert registry.demande("P20261123093000").to_json() == expected[complete]  # type: ignore[union-attr]
        assert path.read_bytes() == full[: cut - torn]
        del registry  # its journal's lock goes with it
    # Edited by hand: refused with its line, the file left as it is.
    edited = full.replace(b'"soumettre"', b'"valider"', 1)
    path.write_bytes(edited)
    with pytest.raises(workflow.JournalCorrupt) as e:
        Registry.open(path)
    assert (e.value.line, e.value.cause) == (2, "transition_refused")
    assert path.read_bytes() == edited
    with pytest.raises(workflow.WorkflowError) as e:
        Registry.open(tmp_path / "no such dir" / "j.jsonl")
    assert e.value.code == "journal_io"


def test_threads_share_one_registry(tmp_path: Path) -> None:
    registry = Registry.open(tmp_path / "demandes.jsonl", durability="flush")
    play(registry)
    barrier = threading.Barrier(8)

    def work(i: int) -> tuple[list[str], str | None]:
        barrier.wait()
        own = []
        for _ in range(5):
            d = registry.creer({"procedure": "primo_enregistrement"})
            d.annuler(motif=f"thread {i}")
            own.append(d.numero)
        try:
            return own, registry.creer(MODIFICATION).numero
        except workflow.PendingDemande:
            return own, None

    with ThreadPoolExecutor(8) as pool:
        results = list(pool.map(work, range(8)))
    registry.sync()
    winners = [w for _, w in results if w is not None]
    assert len(winners) == 1 and registry.pending(RPPS).numero == winners[0]  # type: ignore[union-attr]
    numbers = [n for own, _ in results for n in own]
    assert len(set(numbers)) == 40
    assert all(registry.demande(n).is_discarded for n in numbers)  # type: ignore[union-attr]
    before = [d.to_json() for d in registry.demandes()]
    with pytest.raises(workflow.WorkflowError) as e:
        Registry.open(tmp_path / "demandes.jsonl")
    assert e.value.code == "journal_locked"
    del registry  # the lock goes with the last reference
    assert [d.to_json() for d in Registry.open(tmp_path / "demandes.jsonl").demandes()] == before


def test_times_are_aware_and_utc() -> None:
    paris = datetime.timezone(datetime.timedelta(hours=1))
    d = Demande.creer({"procedure": "primo_enregistrement"}, at=datetime.datetime(2026, 11, 23, 10, 30, 0, 250, tzinfo=paris))
    assert d.numero == "P20261123093000"
    assert d.history[0].at == datetime.datetime(2026, 11, 23, 9, 30, 0, 250, tzinfo=UTC)
    assert d.history[0].at.tzinfo is UTC
    assert d.history[0].to_dict()["at"] == "2026-11-23T09:30:00.000250Z"
    with pytest.raises(ValueError, match="aware"):
        d.annuler(at=datetime.datetime(2026, 11, 24))
    with pytest.raises(TypeError, match="Demande.annuler\\(\\) argument 'at'"):
        d.annuler(at=datetime.date(2026, 11, 24))  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="argument 'motif'"):
        d.annuler(motif=3)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="unknown actor"):
        d.annuler(actor="greffier")  # type: ignore[arg-type]
    # The clock: after the previous event, never before it.
    later = d.annuler()
    assert later.at >= d.history[0].at


def test_entries_demandes_and_errors_pickle() -> None:
    d = Demande.creer({"procedure": "primo_enregistrement"}, at=at(0))
    again = pickle.loads(pickle.dumps(d))
    assert again.to_json() == d.to_json() and again is not d
    entry = d.history[0]
    assert pickle.loads(pickle.dumps(entry)) == entry == copy.copy(entry)
    # The clock's nanoseconds survive a pickle (a datetime keeps microseconds).
    clocked = Demande.creer({"procedure": "primo_enregistrement"}).annuler()
    assert pickle.loads(pickle.dumps(clocked)) == clocked
    assert repr(entry) == (
        "HistoryEntry(event='creer', actor='gestionnaire', from_=None, to='en_cours_enregistrement', "
        "at='2026-11-23T09:30:00Z')"
    )
    assert HistoryEntry("accepter", "rpps", "envoyee_rpps", "validee_rpps", "2026-11-23T09:30:00Z", rpps=RPPS).rpps == RPPS
    with pytest.raises(rppsplus.InvalidChecksum):
        HistoryEntry("accepter", "rpps", None, None, "2026-11-23T09:30:00Z", rpps="10107985319")
    with pytest.raises(TypeError, match="cannot be pickled"):
        pickle.dumps(registered().demande("P20261123093000"))
    try:
        d.valider(at=at(1))
    except workflow.GuardFailed as e:
        back = pickle.loads(pickle.dumps(e))
        assert type(back) is workflow.GuardFailed and back.report == e.report and back.code == e.code
    else:
        raise AssertionError("no GuardFailed")


def test_histories_that_do_not_replay_are_refused_with_their_index() -> None:
    d = Demande.creer({"procedure": "primo_enregistrement"}, at=at(0))
    d.annuler(at=at(1))
    loaded = json.loads(d.to_json())
    loaded["history"][1]["event"] = "valide"
    with pytest.raises(workflow.HistoryInvalid) as e:
        Demande.from_json(json.dumps(loaded))
    assert (e.value.index, e.value.cause, e.value.code) == (1, "unknown_event", "history_invalid")
    loaded["history"] = []
    with pytest.raises(workflow.WorkflowError) as e:
        Demande.from_json(json.dumps(loaded).encode())
    assert e.value.code == "history_empty"
    with pytest.raises(TypeError):
        Demande.from_json(3)  # type: ignore[arg-type]


def test_no_confidential_value_in_a_repr_or_a_message() -> None:
    registry = Registry()
    d = registry.creer(fc_primo(), actor="professionnel", at=at(0))
    texts = [repr(d), repr(d.history[0])]
    edited = fc_primo()
    edited["etat_civil"]["date_naissance"] = "1999-05-06"
    for call in (lambda: d.modifier(edited), lambda: d.modifier(dict(edited, contact={"email": 730494959}))):
        with pytest.raises(workflow.WorkflowError) as e:
            call()
        texts += [e.value.message, e.value.message_en, repr(e.value)]
        if e.value.report is not None:
            texts += [f.message for f in e.value.report.findings]
    for text in texts:
        for secret in CONFIDENTIAL:
            assert secret not in text, (secret, text)


def test_the_errors_are_in_the_hierarchy() -> None:
    assert issubclass(workflow.WorkflowError, rppsplus.RppsplusError)
    for cls in (
        workflow.TransitionRefused,
        workflow.GuardFailed,
        workflow.PendingDemande,
        workflow.HistoryInvalid,
        workflow.JournalCorrupt,
    ):
        assert issubclass(cls, workflow.WorkflowError) and cls.__module__ == "rppsplus"
        assert cls.__name__ in rppsplus.__all__
    assert len(set(rppsplus.WORKFLOW_ERROR_CODES)) == len(rppsplus.WORKFLOW_ERROR_CODES)
    with pytest.raises(workflow.WorkflowError) as e:
        Demande.creer({"procedure": "primo_enregistrement"}).accepter()
    assert e.value.code in rppsplus.WORKFLOW_ERROR_CODES and e.value.report is None and e.value.position is None
