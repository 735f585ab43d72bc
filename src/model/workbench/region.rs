//! The region the app covers, in which a user's incident must lie.

/// A lon/lat box in degrees.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Region {
    pub west_deg: f64,
    pub south_deg: f64,
    pub east_deg: f64,
    pub north_deg: f64,
}

/// The app's region: the East and South China seas (the view `app::default_region` frames).
pub const REGION: Region = Region {
    west_deg: 104.0,
    south_deg: 2.0,
    east_deg: 132.0,
    north_deg: 34.0,
};

impl Region {
    pub fn contains_lon(&self, lon_deg: f64) -> bool {
        (self.west_deg..=self.east_deg).contains(&lon_deg)
    }

    pub fn contains_lat(&self, lat_deg: f64) -> bool {
        (self.south_deg..=self.north_deg).contains(&lat_deg)
    }

    /// Why a longitude cannot be an incident's (as the form says it), if it cannot.
    pub fn lon_error(&self, lon_deg: f64) -> Option<String> {
        (!self.contains_lon(lon_deg)).then(|| {
            format!(
                "{lon_deg}° is outside the region ({}° to {}° E)",
                self.west_deg, self.east_deg
            )
        })
    }

    /// Why a latitude cannot be an incident's, if it cannot.
    pub fn lat_error(&self, lat_deg: f64) -> Option<String> {
        (!self.contains_lat(lat_deg)).then(|| {
            format!(
                "{lat_deg}° is outside the region ({}° to {}° N)",
                self.south_deg, self.north_deg
            )
        })
    }

    /// Why a position (lon/lat in degrees) cannot be an incident's.
    pub fn check(&self, lon_deg: f64, lat_deg: f64) -> Result<(), String> {
        match (self.lon_error(lon_deg), self.lat_error(lat_deg)) {
            (None, None) => Ok(()),
            (a, b) => Err(a.into_iter().chain(b).collect::<Vec<_>>().join("; ")),
        }
    }
}
