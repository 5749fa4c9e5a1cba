//! ampx-rs: a fast, Node-free sandbox and S3 file commands for AWS Amplify Gen 2.
//!
//! The pure core (`definition`, `model`, `validate`, `access`, `template`, `outputs`)
//! touches no network and no terminal; `cli` is the only part that talks to a user.

pub mod access;
pub mod aws;
pub mod buckets;
pub mod cli;
pub mod definition;
pub mod destination;
pub mod diagnostic;
pub mod error;
pub mod filters;
pub mod keys;
pub mod local;
pub mod model;
pub mod outputs;
pub mod parts;
pub mod pasted;
pub mod project;
pub mod report;
pub mod sandbox;
pub mod shown;
pub mod source;
pub mod srp;
pub mod template;
pub mod transfer_plan;
pub mod validate;
pub mod watch;

#[cfg(test)]
mod test_support;
