//! # librppsplus: the C face of `rppsplus-core`
//!
//! Every `extern "C"` function of this crate only converts between C and the core: the
//! domain rules live in [`rppsplus_core`]. The header `include/rppsplus.h` is generated
//! from these sources by cbindgen (see `tests/header.rs`); the conventions every function
//! follows are written once in `README.md` and in the header preamble:
//!
//! - fallible functions return an `rppsplus_result` code as `uint32_t`;
//! - every pointer is checked for NULL;
//! - outputs are written only on success (and, for the length, on
//!   `RPPSPLUS_RESULT_INSUFFICIENT_SIZE`);
//! - a panic never crosses the boundary: it becomes `RPPSPLUS_RESULT_PANIC` (or a documented
//!   default for the functions that return no result code);
//! - no global mutable state: every function is reentrant and thread-safe;
//! - handles (`rppsplus_entries`, `rppsplus_report`, `rppsplus_reports`,
//!   `rppsplus_validate_options`) are Boxes owned by the caller, immutable once returned,
//!   freed by their `_free` function (`_free(NULL)` does nothing).
#![allow(non_camel_case_types)]

#[macro_use]
mod panic;
mod buffer;
mod idnat;
mod ids;
mod nomenclature;
mod result;
mod validate;
mod version;

pub use idnat::{rppsplus_idnat_from_adeli, rppsplus_idnat_from_rpps, rppsplus_idnat_to_adeli, rppsplus_idnat_to_rpps};
pub use ids::{
    rppsplus_adeli_validate, rppsplus_check, rppsplus_check_message, rppsplus_commune_validate,
    rppsplus_email_validate, rppsplus_finess_validate, rppsplus_idnat_structure_validate, rppsplus_idnat_validate,
    rppsplus_kind, rppsplus_kind_name, rppsplus_lang, rppsplus_mode, rppsplus_numero_validate, rppsplus_pays_validate,
    rppsplus_phone_validate, rppsplus_rpps_rang_validate, rppsplus_rpps_validate, rppsplus_siren_validate,
    rppsplus_siret_validate, rppsplus_warning, rppsplus_warning_name,
};
pub use nomenclature::{
    rppsplus_entries, rppsplus_entries_code, rppsplus_entries_commune_type, rppsplus_entries_date_fin,
    rppsplus_entries_departement, rppsplus_entries_free, rppsplus_entries_label, rppsplus_entries_len,
    rppsplus_entries_offered, rppsplus_entries_postal_code, rppsplus_entries_replaced_by, rppsplus_entries_status,
    rppsplus_lookup, rppsplus_nomenclature_check, rppsplus_nomenclature_label, rppsplus_offered, rppsplus_str,
};
pub use result::{rppsplus_result, rppsplus_result_name};
pub use validate::{
    rppsplus_actor, rppsplus_report, rppsplus_report_code_at, rppsplus_report_free, rppsplus_report_len,
    rppsplus_report_message_at, rppsplus_report_path_at, rppsplus_report_severity_at, rppsplus_report_to_json,
    rppsplus_report_valid, rppsplus_reports, rppsplus_reports_free, rppsplus_reports_index_at, rppsplus_reports_len,
    rppsplus_reports_report_at, rppsplus_severity, rppsplus_stage, rppsplus_validate_json,
    rppsplus_validate_json_document, rppsplus_validate_options, rppsplus_validate_options_free,
    rppsplus_validate_options_new, rppsplus_validate_options_set_actor, rppsplus_validate_options_set_mode,
    rppsplus_validate_options_set_reference_date, rppsplus_validate_options_set_stage,
};
pub use version::{rppsplus_version, rppsplus_version_number};
