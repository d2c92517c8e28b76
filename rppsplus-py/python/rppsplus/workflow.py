"""The lifecycle of a demande (docs/lifecycle.md): its ten statuts, the events its actors
send, its history, the dossier accepted demandes build, and the registry that keeps them,
in memory or on a journal file::

    >>> from rppsplus import workflow
    >>> registry = workflow.Registry()                       # or Registry.open("demandes.jsonl")
    >>> d = registry.creer({"procedure": "primo_enregistrement"}, at="2026-11-23T09:30:00Z")
    >>> d.numero, d.status, d.allowed("gestionnaire")
    ('P20261123093000', 'en_cours_enregistrement', ('valider', 'annuler', 'modifier'))
    >>> d.accepter(rpps="10107985318")
    Traceback (most recent call last):
    rppsplus.TransitionRefused: « accepter » par le RPPS impossible depuis en_cours_enregistrement ; possibles : aucun

A ``Demande`` has one method per event of ``EVENTS``: ``Demande.creer()`` and
``Demande.envoyer()`` create one on its own (``Registry.creer()``, ``Registry.envoyer()`` in
a registry), ``soumettre()``, ``abandonner()``, ``prendre_en_charge()``, ``valider()``,
``refuser(motif=…)``, ``annuler()``, ``accepter(rpps=…)``, ``refuser_rpps(motif=…)``,
``rejeter(motif=…)`` and ``modifier(demande)`` move it and return the ``HistoryEntry``
appended. Every one takes ``actor=`` (by default the one the transition table gives),
``motif=`` and ``at=`` (an aware ``datetime`` or an RFC 3339 ``str``; by default the system
clock's). ``status`` is one of ``STATUSES`` (``None`` once discarded), ``label`` its French
label, ``history`` the typed entries, ``to_json()`` / ``Demande.from_json()`` the demande
with its history (replayed when loaded).

Errors are ``WorkflowError`` (an ``RppsplusError``, so a ``ValueError``) with ``code`` in
``WORKFLOW_ERROR_CODES``, ``message``, ``message_en``, ``allowed`` and ``report``;
``TransitionRefused`` (``allowed``), ``GuardFailed`` (``report``, a ``Report``),
``PendingDemande`` (``pending``), ``HistoryInvalid`` (``index``) and ``JournalCorrupt``
(``line``) are subclasses. A refused call changes nothing: not the demande, not the
registry, not the journal.

Everything is a thin binding of ``rppsplus_core::workflow``.
"""

from ._rppsplus import (
    DURABILITIES,
    EVENTS,
    STATUSES,
    WORKFLOW_ERROR_CODES,
    Demande,
    GuardFailed,
    HistoryEntry,
    HistoryInvalid,
    JournalCorrupt,
    PendingDemande,
    Registry,
    TransitionRefused,
    WorkflowError,
)

__all__ = [
    "DURABILITIES",
    "EVENTS",
    "STATUSES",
    "WORKFLOW_ERROR_CODES",
    "Demande",
    "GuardFailed",
    "HistoryEntry",
    "HistoryInvalid",
    "JournalCorrupt",
    "PendingDemande",
    "Registry",
    "TransitionRefused",
    "WorkflowError",
]
