//! The map's layers and their user settings (visibility, opacity): plain data, persisted.

use crate::model::RecordRef;

/// A layer of the map, in drawing order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum LayerId {
    Basemap,
    Graticule,
    Claims,
    Agreements,
    Incidents,
    Features,
}

impl LayerId {
    pub const ALL: [Self; 6] = [
        Self::Features,
        Self::Incidents,
        Self::Agreements,
        Self::Claims,
        Self::Graticule,
        Self::Basemap,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Self::Basemap => "Base map (Natural Earth)",
            Self::Graticule => "Graticule",
            Self::Claims => "Claim lines and zones",
            Self::Agreements => "Defence agreements (web and sites)",
            Self::Incidents => "Incident markers",
            Self::Features => "Disputed features",
        }
    }
}

/// One layer's settings.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct LayerSettings {
    pub visible: bool,
    /// 0 (transparent) to 1 (opaque).
    pub opacity: f32,
}

impl Default for LayerSettings {
    fn default() -> Self {
        Self {
            visible: true,
            opacity: 1.0,
        }
    }
}

/// Settings of every layer.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Layers {
    pub basemap: LayerSettings,
    pub graticule: LayerSettings,
    pub claims: LayerSettings,
    pub agreements: LayerSettings,
    pub incidents: LayerSettings,
    pub features: LayerSettings,
}

impl Layers {
    pub fn get(&self, id: LayerId) -> LayerSettings {
        match id {
            LayerId::Basemap => self.basemap,
            LayerId::Graticule => self.graticule,
            LayerId::Claims => self.claims,
            LayerId::Agreements => self.agreements,
            LayerId::Incidents => self.incidents,
            LayerId::Features => self.features,
        }
    }

    pub fn get_mut(&mut self, id: LayerId) -> &mut LayerSettings {
        match id {
            LayerId::Basemap => &mut self.basemap,
            LayerId::Graticule => &mut self.graticule,
            LayerId::Claims => &mut self.claims,
            LayerId::Agreements => &mut self.agreements,
            LayerId::Incidents => &mut self.incidents,
            LayerId::Features => &mut self.features,
        }
    }

    /// Whether a record's layer is shown (what can be picked is what is drawn).
    pub fn shows(&self, record: RecordRef) -> bool {
        let layer = match record {
            RecordRef::Agreement(_) => return true,
            RecordRef::Feature(_) => LayerId::Features,
            RecordRef::Incident(_) => LayerId::Incidents,
            RecordRef::Site(_) => LayerId::Agreements,
            RecordRef::Claim(_) => LayerId::Claims,
        };
        let s = self.get(layer);
        s.visible && s.opacity > 0.0
    }
}
