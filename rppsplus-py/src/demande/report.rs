//! The `Report` and `Finding` classes: the core's report of one demande, as Python reads it
//! (pydantic-core's error shape for `errors()`), pickled by its findings.

use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyInt, PyList, PyString, PyTuple};
use rppsplus_core::FindingCode;
use rppsplus_core::demande::{self as core, Severity};

use crate::args::{text, type_name};
use crate::check::untrack;
use crate::errors::ValidationError;
use crate::names::{Name, name};

/// One finding of a report: ``path`` (JSON path, e.g. ``etat_civil.prenoms[1]``, ``""``
/// for the whole document) and ``loc`` (the same as a tuple), ``code`` (stable, e.g.
/// ``required``), ``severity`` (``"error"`` or ``"warning"``), ``message`` (French) and
/// ``message_en``.
///
/// Findings come from ``validate()``; the constructor rebuilds one from its ``loc`` and the
/// rest (``pickle`` does): ``Finding(("etat_civil", "prenoms", 1), "invalid_format",
/// "error", message, message_en)``.
#[pyclass(frozen, eq, module = "rppsplus._rppsplus")]
#[derive(PartialEq)]
pub(crate) struct Finding(core::Finding);

#[pymethods]
impl Finding {
    #[new]
    #[pyo3(signature = (loc, code, severity, message, message_en))]
    fn py_new(
        loc: &Bound<'_, PyAny>,
        code: Name<FindingCode>,
        severity: Name<Severity>,
        message: &Bound<'_, PyAny>,
        message_en: &Bound<'_, PyAny>,
    ) -> PyResult<Self> {
        Ok(Self(core::Finding {
            path: path(loc)?,
            code: code.0,
            severity: severity.0,
            message: text(message, "Finding() argument 'message'")?.into_owned(),
            message_en: text(message_en, "Finding() argument 'message_en'")?.into_owned(),
        }))
    }

    /// The arguments that rebuild the finding (``pickle``, ``copy``).
    fn __getnewargs__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        let f = &self.0;
        PyTuple::new(
            py,
            [
                loc(py, &f.path)?.into_any(),
                name(py, f.code).into_any(),
                name(py, f.severity).into_any(),
                PyString::new(py, &f.message).into_any(),
                PyString::new(py, &f.message_en).into_any(),
            ],
        )
    }

    /// The JSON path of the field (``""`` for the whole document).
    #[getter]
    fn path(&self) -> &str {
        self.0.path.as_str()
    }

    /// The stable code (``required``, ``invalid_format``, ``code_deprecated``…).
    #[getter]
    fn code<'py>(&self, py: Python<'py>) -> Bound<'py, PyString> {
        name(py, self.0.code)
    }

    /// ``"error"`` or ``"warning"``.
    #[getter]
    fn severity<'py>(&self, py: Python<'py>) -> Bound<'py, PyString> {
        name(py, self.0.severity)
    }

    /// The French message (never contains the values of the état civil or the contact).
    #[getter]
    fn message(&self) -> &str {
        &self.0.message
    }

    /// The English message.
    #[getter]
    fn message_en(&self) -> &str {
        &self.0.message_en
    }

    /// The location as a tuple, as ``errors()`` gives it.
    #[getter]
    fn loc<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        loc(py, &self.0.path)
    }

    /// ``{"path", "code", "severity", "message", "message_en"}``.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        finding_dict(py, &self.0)
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!(
            "Finding(path={}, code='{}', severity='{}')",
            PyString::new(py, self.0.path.as_str()).repr()?,
            self.0.code,
            self.0.severity
        ))
    }
}

/// The path `a.b[1]` as the tuple `("a", "b", 1)` (pydantic's `loc`), from the core's
/// segments (never parsed from the text: a user's key may hold `.` or `[`); the root is `()`.
fn loc<'py>(py: Python<'py>, path: &core::Path) -> PyResult<Bound<'py, PyTuple>> {
    let parts = path.segments().iter().map(|segment| match segment {
        core::Segment::Key(key) => PyString::new(py, key).into_any(),
        core::Segment::Index(i) => i.into_pyobject(py).map(Bound::into_any).unwrap_or_else(|e| match e {}),
    });
    PyTuple::new(py, parts)
}

/// The core path of a `loc` tuple (`str` keys, `int` indexes), as `Finding()` takes it.
fn path(loc: &Bound<'_, PyAny>) -> PyResult<core::Path> {
    let what = "Finding() argument 'loc'";
    let loc = loc
        .cast::<PyTuple>()
        .map_err(|_| PyTypeError::new_err(format!("{what} must be tuple, not {}", type_name(loc))))?;
    let mut path = core::Path::ROOT;
    for part in loc {
        path = if let Ok(key) = part.cast::<PyString>() {
            path.key(key.to_string_lossy().into_owned())
        } else if part.is_instance_of::<PyInt>() {
            let index = part
                .extract::<usize>()
                .map_err(|_| PyValueError::new_err(format!("{what}: an index must be >= 0")))?;
            path.index(index)
        } else {
            return Err(PyTypeError::new_err(format!(
                "{what} must hold str and int, not {}",
                type_name(&part)
            )));
        };
    }
    Ok(path)
}

/// A finding as a `dict`.
fn finding_dict<'py>(py: Python<'py>, f: &core::Finding) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    d.set_item(intern!(py, "path"), f.path.as_str())?;
    d.set_item(intern!(py, "code"), name(py, f.code))?;
    d.set_item(intern!(py, "severity"), name(py, f.severity))?;
    d.set_item(intern!(py, "message"), &f.message)?;
    d.set_item(intern!(py, "message_en"), &f.message_en)?;
    Ok(d)
}

/// The result of validating one demande: ``valid`` (no error; warnings allowed) and every
/// ``findings``, in the core's deterministic order.
///
/// ``len(report)`` is the number of findings and iterating gives them. ``bool(report)``
/// raises ``TypeError``: a ``Report`` with findings may be valid (warnings) and an invalid
/// one is not empty, so write ``report.valid`` or ``len(report)``.
///
/// Reports come from ``validate()``; the constructor rebuilds one from its findings
/// (``pickle`` does): ``Report(report.findings) == report``.
#[pyclass(frozen, eq, module = "rppsplus._rppsplus")]
#[derive(PartialEq)]
pub(crate) struct Report(core::Report);

impl Report {
    /// A new `Report` object, out of the cycle collector (it holds no Python object).
    pub(crate) fn new_bound(py: Python<'_>, report: core::Report) -> PyResult<Bound<'_, Report>> {
        let obj = Bound::new(py, Report(report))?;
        untrack(&obj);
        Ok(obj)
    }

    /// The core's report.
    pub(crate) fn core(&self) -> &core::Report {
        &self.0
    }
}

#[pymethods]
impl Report {
    #[new]
    #[pyo3(signature = (findings = None, /))]
    fn py_new(findings: Option<&Bound<'_, PyAny>>) -> PyResult<Self> {
        let Some(findings) = findings else {
            return Ok(Self(core::Report::default()));
        };
        let findings = findings
            .try_iter()?
            .map(|f| Ok(f?.cast::<Finding>()?.get().0.clone()))
            .collect::<PyResult<core::Report>>()?;
        Ok(Self(findings))
    }

    /// The arguments that rebuild the report (``pickle``, ``copy``): its findings.
    fn __getnewargs__<'py>(&self, py: Python<'py>) -> PyResult<(Bound<'py, PyList>,)> {
        Ok((self.findings(py)?,))
    }
    /// Whether the demande has no error (warnings allowed).
    #[getter]
    fn valid(&self) -> bool {
        self.0.is_valid()
    }

    /// Every finding (errors and warnings), in order.
    #[getter]
    fn findings<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let findings = self.0.findings().iter().map(|f| Finding(f.clone()));
        PyList::new(py, findings)
    }

    /// The errors in the pydantic-core shape, in order: ``{"type": code, "loc": path as a
    /// tuple (e.g. ``("etat_civil", "prenoms", 1)``), "msg": French message, "msg_en":
    /// English message, "severity": "error"}``. Warnings are left out.
    fn errors<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let list = PyList::empty(py);
        for f in self.0.errors() {
            let d = PyDict::new(py);
            d.set_item(intern!(py, "type"), name(py, f.code))?;
            d.set_item(intern!(py, "loc"), loc(py, &f.path)?)?;
            d.set_item(intern!(py, "msg"), &f.message)?;
            d.set_item(intern!(py, "msg_en"), &f.message_en)?;
            d.set_item(intern!(py, "severity"), name(py, f.severity))?;
            list.append(d)?;
        }
        Ok(list)
    }

    /// The number of errors (warnings not counted).
    fn error_count(&self) -> usize {
        self.0.errors().count()
    }

    /// The report as JSON text, as the CLI and the C face write it:
    /// ``{"valid": …, "findings": [{"path", "code", "severity", "message", "message_en"}…]}``.
    fn to_json(&self) -> PyResult<String> {
        serde_json::to_string(&self.0).map_err(|e| PyValueError::new_err(e.to_string()))
    }

    /// ``{"valid": bool, "findings": [dict…]}``, the shape of ``to_json()``.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        d.set_item(intern!(py, "valid"), self.0.is_valid())?;
        let findings = PyList::empty(py);
        for f in self.0.findings() {
            findings.append(finding_dict(py, f)?)?;
        }
        d.set_item(intern!(py, "findings"), findings)?;
        Ok(d)
    }

    /// Raises ``ValidationError`` (a ``RppsplusError``) carrying this report when it has
    /// errors; does nothing for a valid one.
    fn raise_for_errors(slf: &Bound<'_, Self>) -> PyResult<()> {
        let report = &slf.get().0;
        let Some(first) = report.errors().next() else {
            return Ok(());
        };
        let py = slf.py();
        let count = report.errors().count();
        let fr = format!("{count} erreur(s) ; la première : {} ({})", first.message, first.path);
        let en = format!("{count} error(s); the first: {} ({})", first.message_en, first.path);
        let exc = py.get_type::<ValidationError>().call1((fr.as_str(),))?;
        exc.setattr(intern!(py, "code"), name(py, first.code))?;
        exc.setattr(intern!(py, "kind"), "demande")?;
        exc.setattr(intern!(py, "message"), fr)?;
        exc.setattr(intern!(py, "message_en"), en)?;
        exc.setattr(intern!(py, "position"), py.None())?;
        exc.setattr(intern!(py, "report"), slf)?;
        exc.setattr(intern!(py, "errors"), slf.getattr(intern!(py, "errors"))?)?;
        exc.setattr(intern!(py, "error_count"), slf.getattr(intern!(py, "error_count"))?)?;
        Err(PyErr::from_value(exc))
    }

    fn __len__(&self) -> usize {
        self.0.findings().len()
    }

    fn __iter__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Ok(self.findings(py)?.try_iter()?.into_any())
    }

    fn __bool__(&self) -> PyResult<bool> {
        Err(PyTypeError::new_err(
            "the truth value of a Report is ambiguous: use report.valid or len(report)",
        ))
    }

    fn __repr__(&self) -> String {
        let errors = self.0.errors().count();
        let warnings = self.0.findings().len() - errors;
        format!(
            "Report(valid={}, errors={errors}, warnings={warnings})",
            if self.0.is_valid() { "True" } else { "False" }
        )
    }
}
