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
}
