//! Every black-box suite in one test binary: one link step instead of one per
//! file, and the suites share the support crate's template databases.

mod accounts;
mod admin;
mod audit_chain;
mod authorization;
mod backup;
mod bad_input;
mod caseload;
mod clocks;
mod contacts_and_ladder;
mod disk_full;
mod enrolment;
mod extract;
mod factors;
mod faults;
mod generated_input;
mod instances;
mod intake;
mod limits;
mod log;
mod matrix;
mod meetings;
mod national;
mod pages;
mod participant_rows;
mod programme;
mod query_plans;
mod readability;
mod record;
mod record_audit;
mod relatives;
mod retention;
mod roads;
mod schema;
mod security;
mod sign_in;
