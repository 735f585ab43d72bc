//! Maritime zones computed from coasts, disputed features and declared baselines under a lens
//! (a reading of UNCLOS and the 2016 award). Pure geometry: no egui, no file formats.

pub mod lens;
