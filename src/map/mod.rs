//! Geometry and screens: projection, camera, the projected scene, picking, labels, and the
//! egui widget that draws them. Knows nothing of incidents' meaning or of the app.

pub mod camera;
pub mod clip;
pub mod cluster;
pub mod context_menu;
pub mod coords;
pub mod drag;
pub mod fine_coast;
pub mod focus;
pub mod goto;
pub mod graticule;
pub mod hit;
pub mod labels;
pub mod measure;
pub mod memory;
pub mod paint;
pub mod pick;
pub mod projection;
pub mod pyramid;
pub mod scale;
pub mod scene;
pub mod simplify;
pub mod stamp;
pub mod synthetic;
pub mod user;

pub use camera::{Camera, ScreenRect};
pub use scene::Scene;
pub mod layers;
pub mod style;
pub mod view;
pub mod web;
pub mod zones;
pub use layers::{LayerId, Layers};
pub use memory::MapMemory;
pub use view::{MapAction, MapView, Shown};
