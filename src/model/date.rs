//! The one date syntax the app accepts anywhere (data files, the command line, date fields):
//! `YYYY-MM-DD` with exactly four year digits. chrono's `%Y` alone also takes signed or
//! short years such as `+202-01-01` or `-999-12-31`, which are never meant.

use super::Date;

/// Parses `YYYY-MM-DD` strictly: ten ASCII characters, digits where digits belong, a real
/// calendar day.
pub fn parse_date(s: &str) -> Option<Date> {
    let b = s.as_bytes();
    let shape_ok = b.len() == 10
        && b.iter().enumerate().all(|(i, c)| match i {
            4 | 7 => *c == b'-',
            _ => c.is_ascii_digit(),
        });
    if !shape_ok {
        return None;
    }
    let num = |r: std::ops::Range<usize>| s.get(r)?.parse::<u32>().ok();
    let year = i32::try_from(num(0..4)?).ok()?;
    Date::from_ymd_opt(year, num(5..7)?, num(8..10)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_four_digit_years_and_real_days() {
        assert_eq!(parse_date("2024-06-17"), Date::from_ymd_opt(2024, 6, 17));
        assert_eq!(parse_date("0999-12-31"), Date::from_ymd_opt(999, 12, 31));
        for bad in [
            "+202-01-01",
            "-999-12-31",
            "2024-02-30",
            "2024-13-01",
            "2024-6-17",
            "2024-06-17 ",
            " 2024-06-17",
            "2024/06/17",
            "20240617",
            "2024-06-1x",
            "２０２４-06-17",
            "",
        ] {
            assert_eq!(parse_date(bad), None, "{bad:?}");
        }
    }
}
