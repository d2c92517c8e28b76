//! `validate` (one demande) and `validate_many` (an iterable of demandes, on every core).

use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyList, PyString};
use rppsplus_core::demande::{self as core, Actor, Stage};

use super::convert::{self, Input};
use super::options;
use super::report::Report;
use crate::args::type_name;
use crate::names::Name;

/// Validates one demande (docs/domain.md §4) and returns its ``Report``; an invalid demande
/// does not raise (see ``Report.raise_for_errors()``).
///
/// ``demande`` is a ``dict`` (converted to JSON faithfully: a wrong type is a finding at its
/// path; a ``datetime.date``, or a ``datetime`` at midnight, is written ``YYYY-MM-DD``), a
/// data frame's row (a flat ``dict`` with the collection file's dotted keys,
/// ``"etat_civil.nom_naissance"``, read as a CSV row is: ``None``, NaN and ``pandas.NA`` are
/// empty cells, numbers and dates are written as text), or JSON text as ``str`` or ``bytes``
/// (invalid JSON or UTF-8 is an ``invalid_json`` finding). ``reference_date``
/// (``datetime.date``, ``"YYYY-MM-DD"`` or ``None`` for today in UTC) is the date at which
/// codes must be in force; ``stage`` one of ``STAGES`` (default ``"submit"``); ``actor``
/// one of ``ACTORS`` (default ``"gestionnaire"``); ``test_mode`` accepts test identities.
/// An unknown stage or actor raises ``ValueError``.
#[pyfunction]
#[pyo3(signature = (
    demande, *, reference_date = None, stage = Name(Stage::default()), actor = Name(Actor::default()),
    test_mode = false
))]
pub(crate) fn validate(
    py: Python<'_>,
    demande: &Bound<'_, PyAny>,
    reference_date: Option<&Bound<'_, PyAny>>,
    stage: Name<Stage>,
    actor: Name<Actor>,
    test_mode: bool,
) -> PyResult<Py<Report>> {
    let options = options("validate()", reference_date, stage, actor, test_mode)?;
    let input = Input::read(demande, "demande")?;
    let report = py.detach(|| input.validate(&options));
    Ok(Report::new_bound(py, report)?.unbind())
}

/// Validates every demande of an iterable (each a ``dict``, a row, ``str`` or ``bytes``, as
/// for ``validate()``: ``df.to_dict("records")`` is such an iterable) and returns their
/// reports, in order. The keywords are ``validate()``'s. The same person or RPPS number as an
/// earlier demande of the iterable is ``duplicate``, naming that demande's index (as in a JSON
/// document or a collection file).
///
/// The demandes are read in batches (128 demandes) and validated by the core with the GIL
/// released; past one batch, on worker threads (as many as the validation needs, up to the
/// number of cores) while the next batches are read. Ctrl-C stops it between batches
/// (``KeyboardInterrupt``). An item of another type raises ``TypeError`` naming its index.
#[pyfunction]
#[pyo3(signature = (
    demandes, *, reference_date = None, stage = Name(Stage::default()), actor = Name(Actor::default()),
    test_mode = false
))]
pub(crate) fn validate_many<'py>(
    py: Python<'py>,
    demandes: &Bound<'py, PyAny>,
    reference_date: Option<&Bound<'py, PyAny>>,
    stage: Name<Stage>,
    actor: Name<Actor>,
    test_mode: bool,
) -> PyResult<Bound<'py, PyList>> {
    let options = options("validate_many()", reference_date, stage, actor, test_mode)?;
    if demandes.is_instance_of::<PyString>()
        || demandes.is_instance_of::<PyBytes>()
        || demandes.is_instance_of::<PyDict>()
    {
        return Err(PyTypeError::new_err(format!(
            "validate_many() argument 'demandes' must be an iterable of demandes, not a {} (use validate())",
            type_name(demandes)
        )));
    }
    let iter = demandes
        .try_iter()
        .map_err(|_| {
            PyTypeError::new_err(format!(
                "validate_many() argument 'demandes' must be an iterable, not {}",
                type_name(demandes)
            ))
        })?
        .unbind();
    // `__len__` is a hint: at most a batch's worth is reserved ahead.
    let mut reports: Vec<Py<Report>> = Vec::with_capacity(demandes.len().unwrap_or(0).min(core::Batch::CAPACITY));
    let mut read = 0;
    let threads = super::threads();
    // The core validates off the GIL; reading the demandes and making the `Report` objects
    // take it again, batch by batch.
    py.detach(|| {
        core::validate_batches(
            threads,
            &options,
            |batch| {
                // Ctrl-C is seen between batches: `KeyboardInterrupt` stops the call.
                Python::attach(|py| {
                    py.check_signals()
                        .and_then(|()| convert::fill(batch, iter.bind(py), read))
                })?;
                read += batch.len();
                Ok(())
            },
            |done| {
                Python::attach(|py| {
                    for report in done {
                        reports.push(Report::new_bound(py, report)?.unbind());
                    }
                    Ok::<_, PyErr>(())
                })
            },
        )
    })?;
    PyList::new(py, reports)
}
