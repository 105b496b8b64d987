//! Pages. Thin: load through a server function, show with components.

pub mod about;
pub mod contacts;
pub mod demo;
pub mod ladder;
pub mod meetings;
pub mod not_found;
pub mod participant;
pub mod plan;
pub mod programme;
pub mod sign_in;
pub mod staff;
pub mod staff_programme;
pub mod staff_record;
