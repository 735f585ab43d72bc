//! Maritime zones computed from coasts, disputed features and declared baselines under a lens
//! (a reading of UNCLOS and the 2016 award). Pure geometry: no egui, no file formats.

pub mod buffer;
pub mod build;
pub mod coast;
pub mod entitlement;
pub mod fine_coast;
pub mod geodesic;
pub mod kdtree;
pub mod lens;
pub mod overlap;
pub mod query;
pub mod samples;

pub use build::{
    AreaCache, GeneratedBy, Inputs, Zone, Zones, build, build_all, build_all_with, build_with,
};
pub use coast::Coasts;
pub use entitlement::Entitlement;
pub use lens::{Lens, LensTable, ZoneKind};
