//! CPx cards (`rppsplus.cpx`, docs/cards.md): the readers, the card read without PIN, the
//! PIN status and check through PC/SC, and the simulated card (`SimCard`, synthetic data)
//! for tests: in process, or served to vsmartcard's vpcd so that a real pcscd sees it.
//!
//! Every call on a card runs with the GIL released; the card protocol, the PIN rules and
//! the names are the core's (`rppsplus_core::cpx`). A PIN is read from the caller's `str` or
//! `bytes` into the core's zeroized `Pin`, never kept, never in a `repr` or an exception.

use std::sync::{Mutex, MutexGuard};
use std::time::Duration;

use pyo3::exceptions::{PyRuntimeError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyString, PyTuple};
use rppsplus_core::cpx::pcsc::{PcscTransport, readers, wait_for_card};
use rppsplus_core::cpx::vpcd::{VirtualCard as CoreVirtualCard, serve};
use rppsplus_core::cpx::{self as core, CardError as CoreCardError, Cpx, Pin, SimCard as CoreSimCard};

use crate::args::type_name;
use crate::errors::PyCardErr;
use crate::names::name;

/// A smart card reader, as the PC/SC service lists it: ``name`` (pass it as ``reader=``)
/// and whether a card is in it (``card_present``). Compares by value and pickles.
#[pyclass(frozen, eq, hash, module = "rppsplus._rppsplus")]
#[derive(PartialEq, Eq, Hash)]
pub(crate) struct Reader {
    /// The reader's name, as the PC/SC service gives it.
    #[pyo3(get)]
    name: String,
    /// Whether a card is in the reader.
    #[pyo3(get)]
    card_present: bool,
}

#[pymethods]
impl Reader {
    #[new]
    fn new(name: String, card_present: bool) -> Self {
        Self { name, card_present }
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let name = PyString::new(py, &self.name).repr()?;
        let present = if self.card_present { "True" } else { "False" };
        Ok(format!("Reader({name}, card_present={present})"))
    }

    fn __getnewargs__(&self) -> (String, bool) {
        (self.name.clone(), self.card_present)
    }
}

impl From<core::Reader> for Reader {
    fn from(r: core::Reader) -> Self {
        Self {
            name: r.name,
            card_present: r.card_present,
        }
    }
}

/// The state of the holder's PIN: ``tries_left`` before it blocks, and ``blocked``.
/// Compares by value and pickles.
#[pyclass(frozen, eq, hash, module = "rppsplus._rppsplus")]
#[derive(PartialEq, Eq, Hash)]
pub(crate) struct PinStatus {
    /// The tries left before the PIN blocks.
    #[pyo3(get)]
    tries_left: u8,
    /// Whether the PIN is blocked.
    #[pyo3(get)]
    blocked: bool,
}

#[pymethods]
impl PinStatus {
    #[new]
    fn new(tries_left: u8, blocked: bool) -> Self {
        Self { tries_left, blocked }
    }

    fn __repr__(&self) -> String {
        let blocked = if self.blocked { "True" } else { "False" };
        format!("PinStatus(tries_left={}, blocked={blocked})", self.tries_left)
    }

    fn __getnewargs__(&self) -> (u8, bool) {
        (self.tries_left, self.blocked)
    }
}

impl From<core::PinStatus> for PinStatus {
    fn from(s: core::PinStatus) -> Self {
        Self {
            tries_left: s.tries_left,
            blocked: s.blocked,
        }
    }
}

/// The holder of a card, from its authentication certificate (read without PIN): ``id_nat``
/// (``8`` + RPPS, ``0`` + ADELI, or structure-based on a staff card), ``id_nat_type`` (its
/// TRE_G08 code), ``rpps``, ``nom``, ``prenom``, ``profession``.
///
/// Personal data (docs/domain.md §7): the ``repr()`` shows none of it. Compares by value; not
/// picklable (a holder comes from a card, never from arguments).
#[pyclass(frozen, eq, module = "rppsplus._rppsplus")]
#[derive(PartialEq)]
pub(crate) struct Holder(core::Holder);

#[pymethods]
impl Holder {
    /// The national identifier (idNat).
    #[getter]
    fn id_nat(&self) -> &str {
        self.0.id_nat().as_str()
    }

    /// The type of the idNat, its TRE_G08 code: ``"8"`` (RPPS), ``"0"`` (ADELI), ``"3"``
    /// (FINESS + local number)…
    #[getter]
    fn id_nat_type(&self) -> &'static str {
        self.0.id_nat().id_type().code()
    }

    /// The RPPS number (11 digits) when the idNat is ``8`` + RPPS, else ``None``.
    #[getter]
    fn rpps(&self) -> Option<String> {
        self.0.id_nat().rpps().map(|r| r.as_str().to_owned())
    }

    /// The nom (surname), as the certificate writes it.
    #[getter]
    fn nom(&self) -> &str {
        self.0.nom()
    }

    /// The prénom (given name), as the certificate writes it.
    #[getter]
    fn prenom(&self) -> &str {
        self.0.prenom()
    }

    /// The profession's label (``"Médecin"``…), ``None`` on a staff card.
    #[getter]
    fn profession(&self) -> Option<&str> {
        self.0.profession()
    }

    fn __repr__(&self) -> &'static str {
        "Holder(<redacted>)"
    }
}

/// What a CPx card tells without PIN: ``generation`` (one of ``GENERATIONS``),
/// ``card_type`` (one of ``CARD_TYPES``), ``serial`` (8 digits) and ``holder``.
///
/// ``to_json()`` gives the JSON of ``rppsplus card read --format json``. The ``repr()``
/// hides the holder. Compares by value; not picklable (a card is read, never built).
#[pyclass(frozen, eq, module = "rppsplus._rppsplus")]
pub(crate) struct Card {
    card: core::Card,
    holder: Py<Holder>,
}

impl PartialEq for Card {
    fn eq(&self, other: &Self) -> bool {
        self.card == other.card
    }
}

impl Card {
    fn new(py: Python<'_>, card: core::Card) -> PyResult<Self> {
        let holder = Py::new(py, Holder(card.holder.clone()))?;
        Ok(Self { card, holder })
    }
}

#[pymethods]
impl Card {
    /// The generation: ``"cps3"``, ``"cps3_contactless"`` or ``"cps4"``.
    #[getter]
    fn generation<'py>(&self, py: Python<'py>) -> Bound<'py, PyString> {
        name(py, self.card.generation)
    }

    /// The type of card, as TRE_R87-TypeCarte names it: ``"CPS"`` (a professional's card) or
    /// ``"CPE"`` (a staff card), told by the holder's idNat.
    #[getter]
    fn card_type<'py>(&self, py: Python<'py>) -> Bound<'py, PyString> {
        name(py, self.card.card_type)
    }

    /// The serial number, 8 digits.
    #[getter]
    fn serial(&self) -> &str {
        self.card.serial.as_str()
    }

    /// The holder.
    #[getter]
    fn holder(&self, py: Python<'_>) -> Py<Holder> {
        self.holder.clone_ref(py)
    }

    /// The card as JSON, as ``rppsplus card read --format json`` prints it:
    /// ``{"generation","card_type","serial","holder":{"id_nat","id_nat_type","rpps","nom","prenom","profession"}}``.
    fn to_json(&self) -> PyResult<String> {
        serde_json::to_string(&self.card).map_err(|e| PyRuntimeError::new_err(e.to_string()))
    }

    fn __repr__(&self) -> String {
        format!(
            "Card(generation='{}', card_type='{}', serial='{}', holder=Holder(<redacted>))",
            self.card.generation, self.card.card_type, self.card.serial
        )
    }
}

/// The PIN argument, `str` or `bytes` of ASCII digits, into the core's zeroized `Pin`
/// (`InvalidPin` unless 4 to 8 digits; `TypeError` for another type, naming only the type).
fn pin(value: &Bound<'_, PyAny>) -> PyResult<Pin> {
    let digits: &[u8] = if let Ok(s) = value.cast::<PyString>() {
        // A `str` that is not UTF-8 (lone surrogates) is no PIN either.
        s.to_str().map_err(|_| PyCardErr(CoreCardError::InvalidPin))?.as_bytes()
    } else if let Ok(b) = value.cast::<PyBytes>() {
        b.as_bytes()
    } else {
        return Err(PyTypeError::new_err(format!(
            "the PIN must be str or bytes, not {}",
            type_name(value)
        )));
    };
    Ok(Pin::new(digits).map_err(PyCardErr)?)
}

/// Runs `f` on the card of `reader` (the first reader holding a card when `None`), detached.
fn on_card<R: Send>(
    py: Python<'_>,
    reader: Option<&str>,
    f: impl FnOnce(&mut Cpx<PcscTransport>) -> Result<R, CoreCardError> + Send,
) -> PyResult<R> {
    let done = py.detach(|| f(&mut Cpx::new(PcscTransport::open(reader)?)));
    Ok(done.map_err(PyCardErr)?)
}

/// The smart card readers the PC/SC service knows (possibly none), each with whether a card
/// is in it. Raises ``ServiceAbsent`` without a PC/SC library or service.
#[pyfunction]
pub(crate) fn cpx_readers(py: Python<'_>) -> PyResult<Vec<Reader>> {
    let list = py.detach(readers).map_err(PyCardErr)?;
    Ok(list.into_iter().map(Reader::from).collect())
}

/// Reads the CPx card in ``reader`` (by name; ``None``: the first reader holding a card)
/// without PIN: generation, type, serial number, holder. One card transaction.
///
/// Raises ``CardError`` (``code``: ``no_reader``, ``unknown_reader``, ``no_card``,
/// ``not_cpx``, ``card_removed``…) or ``ServiceAbsent``.
#[pyfunction]
#[pyo3(signature = (reader = None))]
pub(crate) fn cpx_read(py: Python<'_>, reader: Option<&str>) -> PyResult<Card> {
    let card = on_card(py, reader, Cpx::read)?;
    Card::new(py, card)
}

/// The state of the holder's PIN in ``reader`` (``None``: the first reader holding a card),
/// without presenting it. Raises ``CardError`` as ``read()``.
#[pyfunction]
#[pyo3(signature = (reader = None))]
pub(crate) fn cpx_pin_status(py: Python<'_>, reader: Option<&str>) -> PyResult<PinStatus> {
    Ok(on_card(py, reader, Cpx::pin_status)?.into())
}

/// Verifies the holder's PIN (``str`` or ``bytes``, 4 to 8 digits) on the card in
/// ``reader`` (``None``: the first reader holding a card). Returns ``None`` when the card
/// accepts it.
///
/// The PIN is copied once into a buffer wiped after use, sent once, never retried, never
/// kept; the card is reset afterwards. Raises ``InvalidPin`` before anything is sent (not
/// 4 to 8 digits), ``WrongPin`` (``tries_left``), ``PinBlocked``, or ``CardError`` as
/// ``read()``.
#[pyfunction]
#[pyo3(signature = (pin, reader = None))]
pub(crate) fn cpx_verify_pin(py: Python<'_>, pin: &Bound<'_, PyAny>, reader: Option<&str>) -> PyResult<()> {
    let pin = self::pin(pin)?;
    on_card(py, reader, move |card| card.verify_pin(pin))
}

/// Waits until the reader named ``reader`` holds a card (``present=True``) or is empty;
/// returns ``False`` when ``timeout`` seconds pass first. Raises ``ServiceAbsent``.
#[pyfunction]
#[pyo3(signature = (reader, present = true, timeout = 30.0))]
pub(crate) fn cpx_wait_for_card(py: Python<'_>, reader: &str, present: bool, timeout: f64) -> PyResult<bool> {
    let timeout = Duration::try_from_secs_f64(timeout).map_err(|e| PyValueError::new_err(e.to_string()))?;
    Ok(py
        .detach(|| wait_for_card(reader, present, timeout))
        .map_err(PyCardErr)?)
}

/// A simulated CPx card, for tests: **synthetic data only** (a test RPPS identity, a
/// self-signed certificate, PIN ``SimCard.PIN``), built from the public facts of
/// docs/cards.md.
///
/// Use it in process (``read()``, ``pin_status()``, ``verify_pin()``: the library's own
/// code over the simulated card), or ``serve_vpcd()`` it to vsmartcard's vpcd so that a
/// real pcscd, and so ``rppsplus.cpx.read()``, sees it. The card keeps its state (the PIN
/// counter) across calls and servings.
#[pyclass(module = "rppsplus._rppsplus")]
pub(crate) struct SimCard {
    /// `None` while a `VirtualCard` serves it.
    card: Mutex<Option<CoreSimCard>>,
}

impl SimCard {
    fn of(card: CoreSimCard) -> Self {
        Self {
            card: Mutex::new(Some(card)),
        }
    }

    fn lock(&self) -> MutexGuard<'_, Option<CoreSimCard>> {
        // A panic while the lock was held cannot leave the card half-changed for Python.
        self.card.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Runs `f` on the card (detached), unless vpcd serves it.
    fn with<R: Send>(&self, py: Python<'_>, f: impl FnOnce(&mut CoreSimCard) -> R + Send) -> PyResult<R> {
        py.detach(|| self.lock().as_mut().map(f))
            .ok_or_else(|| PyRuntimeError::new_err("the card is in vpcd's reader: remove() it first"))
    }

    /// A new card from a builder of this one.
    fn built(&self, py: Python<'_>, f: impl FnOnce(CoreSimCard) -> CoreSimCard + Send) -> PyResult<Self> {
        Ok(Self::of(f(self.with(py, |card| card.clone())?)))
    }

    /// A session on the card, detached.
    fn session<R: Send>(
        &self,
        py: Python<'_>,
        f: impl FnOnce(&mut Cpx<&mut CoreSimCard>) -> Result<R, CoreCardError> + Send,
    ) -> PyResult<R> {
        Ok(self.with(py, |card| f(&mut Cpx::new(card)))?.map_err(PyCardErr)?)
    }
}

#[pymethods]
impl SimCard {
    /// The PIN of every simulated card.
    #[classattr]
    const PIN: &'static str = CoreSimCard::PIN;

    /// A CPS3 (contact) of a doctor with a test RPPS number.
    #[staticmethod]
    fn cps3() -> Self {
        Self::of(CoreSimCard::cps3())
    }

    /// A CPS3 read without contact.
    #[staticmethod]
    fn cps3_contactless() -> Self {
        Self::of(CoreSimCard::cps3_contactless())
    }

    /// A CPS4.
    #[staticmethod]
    fn cps4() -> Self {
        Self::of(CoreSimCard::cps4())
    }

    /// A CPE (staff card, structure-based idNat, no profession).
    #[staticmethod]
    fn cpe() -> Self {
        Self::of(CoreSimCard::cpe())
    }

    /// A copy of this card whose PIN is blocked.
    fn with_pin_blocked(&self, py: Python<'_>) -> PyResult<Self> {
        self.built(py, CoreSimCard::with_pin_blocked)
    }

    /// A copy of this card that is pulled out of its reader after ``apdus`` commands.
    fn remove_after(&self, py: Python<'_>, apdus: usize) -> PyResult<Self> {
        self.built(py, |card| card.remove_after(apdus))
    }

    /// The tries left on the PIN counter.
    #[getter]
    fn pin_tries(&self, py: Python<'_>) -> PyResult<u8> {
        self.with(py, |card| card.pin_tries())
    }

    /// The command APDUs the card has answered.
    #[getter]
    fn apdu_count(&self, py: Python<'_>) -> PyResult<usize> {
        self.with(py, |card| card.apdu_count())
    }

    /// How many times the card was reset (after each use of the PIN).
    #[getter]
    fn reset_count(&self, py: Python<'_>) -> PyResult<usize> {
        self.with(py, |card| card.reset_count())
    }

    /// Reads this card in process, as ``rppsplus.cpx.read()`` reads a real one.
    fn read(&self, py: Python<'_>) -> PyResult<Card> {
        let card = self.session(py, |card| card.read())?;
        Card::new(py, card)
    }

    /// The PIN state of this card, as ``rppsplus.cpx.pin_status()``.
    fn pin_status(&self, py: Python<'_>) -> PyResult<PinStatus> {
        Ok(self.session(py, |card| card.pin_status())?.into())
    }

    /// Verifies a PIN on this card, as ``rppsplus.cpx.verify_pin()``.
    fn verify_pin(&self, py: Python<'_>, pin: &Bound<'_, PyAny>) -> PyResult<()> {
        let pin = self::pin(pin)?;
        self.session(py, move |card| card.verify_pin(pin))
    }

    /// Inserts this card in vsmartcard's vpcd reader (listening on ``127.0.0.1:35963``) and
    /// serves it from a thread of this process until ``VirtualCard.remove()``; waits up to
    /// ``timeout`` seconds for each step (the reader listed and empty, the card shown). Raises
    /// ``OSError`` when vpcd does not listen, ``TimeoutError`` when a step does not happen.
    #[pyo3(signature = (timeout = 20.0))]
    fn serve_vpcd(slf: Bound<'_, Self>, timeout: f64) -> PyResult<VirtualCard> {
        let py = slf.py();
        let timeout = Duration::try_from_secs_f64(timeout).map_err(|e| PyValueError::new_err(e.to_string()))?;
        let card = slf
            .borrow()
            .lock()
            .take()
            .ok_or_else(|| PyRuntimeError::new_err("the card is in vpcd's reader already"))?;
        match py.detach(|| serve(card, timeout)) {
            Ok((inserted, reader)) => Ok(VirtualCard {
                served: Mutex::new(Some(inserted)),
                card: slf.unbind(),
                reader,
            }),
            Err(e) => Err(e.into()),
        }
    }

    fn __repr__(&self) -> &'static str {
        "SimCard(<synthetic>)"
    }
}

/// A ``SimCard`` in vpcd's reader, served by a thread of this process (``SimCard.serve_vpcd()``):
/// ``reader`` is the reader's name. ``remove()`` (or leaving a ``with`` block) pulls the card
/// out and gives it back to its ``SimCard``, with its state.
#[pyclass(module = "rppsplus._rppsplus")]
pub(crate) struct VirtualCard {
    served: Mutex<Option<CoreVirtualCard>>,
    card: Py<SimCard>,
    /// The name of the reader holding the card.
    #[pyo3(get)]
    reader: String,
}

#[pymethods]
impl VirtualCard {
    /// Pulls the card out of the reader (the PC/SC service sees a removal) and gives it back
    /// to its ``SimCard``; does nothing the second time.
    fn remove(&self, py: Python<'_>) {
        let served = self
            .served
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .take();
        if let Some(served) = served {
            let card = py.detach(|| served.remove());
            *self.card.borrow(py).lock() = Some(card);
        }
    }

    fn __enter__(slf: Bound<'_, Self>) -> Bound<'_, Self> {
        slf
    }

    #[pyo3(signature = (*_exc))]
    fn __exit__(&self, py: Python<'_>, _exc: &Bound<'_, PyTuple>) {
        self.remove(py);
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!("VirtualCard({})", PyString::new(py, &self.reader).repr()?))
    }
}
