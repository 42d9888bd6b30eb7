//! The declarative scenario model: TOML files under `scenarios/`, embedded at build time, plus a
//! user's own directory. See `docs/scenarios.md` for the file format.

mod load;
mod model;
mod offset;
mod rules;
mod schema;
mod shape_rules;
mod validate;

pub use load::{parse_file, Catalogue, ScenarioError};
pub use model::*;
pub use offset::{BadOffset, Offset};
pub use schema::{file_schema, file_schema_json};
