//! The Mina steg server: configuration, database, sessions, security layers and
//! start-up, shared by the binary and the black-box tests.

pub mod backup;
pub mod config;
pub mod db;
pub mod limits;
pub mod reminders;
pub mod security;
pub mod sessions;
pub mod startup;
pub mod telemetry;
