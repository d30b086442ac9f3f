//! A dossier log's cells: dates and times in the forms exports write, statuses as texts or
//! codes, channels.

use cchc_model::stamp::{Precision, Stamp};

use crate::cell::Value;
use crate::table::text::fold;

/// A date or date-time as a [`Stamp`], at the precision the cell writes it. Accepts Excel dates
/// and serials (a serial with a time of day is exact: to the second), `dd/MM/yyyy[ HH:mm[:ss]]`
/// (also with `-` or `.`), `yyyyMMdd[HHmm[ss]]`, and ISO `yyyy-mm-dd[ T]HH:MM[:SS]`, with an
/// optional AM/PM.
pub(super) fn moment(v: &Value) -> Option<Stamp> {
    match v {
        Value::Number(serial) if serial.is_finite() && *serial > 0.0 && *serial < 2_958_466.0 => {
            let seconds = (serial * 86_400.0).round() as i64;
            let (days, second) = (seconds.div_euclid(86_400), seconds.rem_euclid(86_400));
            let (y, m, d) = cchc_calendar::day::Day((days - 25_569) as i32).ymd();
            let whole = second == 0 && serial.fract() == 0.0;
            let time = (!whole).then_some((second as u32, Precision::Second));
            stamp(y as u32, m, d, time)
        }
        Value::Date(s) => text_moment(s),
        Value::Text(s) => text_moment(s),
        _ => None,
    }
}

/// A stamp of a year cchc can mean (1900–2200).
fn stamp(y: u32, m: u32, d: u32, time: Option<(u32, Precision)>) -> Option<Stamp> {
    if !(1900..=2200).contains(&y) {
        return None;
    }
    Stamp::new(y as i32, m, d, time)
}

/// The runs of digits of a text (at most seven), as (value, length), without allocating.
fn digit_runs(s: &str) -> Option<([(u64, u8); 7], usize)> {
    let mut runs = [(0u64, 0u8); 7];
    let mut n = 0;
    let mut current: Option<(u64, u8)> = None;
    for b in s.bytes() {
        if b.is_ascii_digit() {
            let (v, len) = current.unwrap_or((0, 0));
            if len >= 14 {
                return None;
            }
            current = Some((v * 10 + u64::from(b - b'0'), len + 1));
        } else if let Some(run) = current.take() {
            if n == runs.len() {
                return None;
            }
            runs[n] = run;
            n += 1;
        }
    }
    if let Some(run) = current {
        if n == runs.len() {
            return None;
        }
        runs[n] = run;
        n += 1;
    }
    Some((runs, n))
}

/// `s` without surrounding whitespace; cleaned cells have none, so the usual case is one look
/// at each end.
pub(super) fn trimmed(s: &str) -> &str {
    match (s.as_bytes().first(), s.as_bytes().last()) {
        (Some(a), Some(z)) if a.is_ascii_graphic() && z.is_ascii_graphic() => s,
        _ => s.trim(),
    }
}

fn text_moment(s: &str) -> Option<Stamp> {
    let s = trimmed(s);
    let (runs, n) = digit_runs(s)?;
    let runs = &runs[..n];
    let (y, m, d, rest) = match runs {
        // yyyyMMdd[HHmm[ss]]
        [(v, len)] if matches!(len, 8 | 12 | 14) => {
            let digits = |from: u8, count: u8| {
                (v / 10u64.pow(u32::from(len - from - count))) % 10u64.pow(u32::from(count))
            };
            let (y, m, d) = (
                digits(0, 4) as u32,
                digits(4, 2) as u32,
                digits(6, 2) as u32,
            );
            if *len == 8 {
                return stamp(y, m, d, None);
            }
            let (h, mi) = (digits(8, 2) as u32, digits(10, 2) as u32);
            let (sec, precision) = match len {
                14 => (digits(12, 2) as u32, Precision::Second),
                _ => (0, Precision::Minute),
            };
            return if h < 24 && mi < 60 && sec < 60 {
                stamp(y, m, d, Some((h * 3600 + mi * 60 + sec, precision)))
            } else {
                None
            };
        }
        [(a, 4), (b, _), (c, _), rest @ ..] => (*a as u32, *b as u32, *c as u32, rest),
        [(a, _), (b, _), (c, 4), rest @ ..] => (*c as u32, *b as u32, *a as u32, rest),
        _ => return None,
    };
    match rest {
        [] => stamp(y, m, d, None),
        [(h, _), (mi, _)] | [(h, _), (mi, _), _] => {
            let (sec, precision) = match rest {
                [_, _, (sec, _)] => (*sec as u32, Precision::Second),
                _ => (0, Precision::Minute),
            };
            let ends_with = |suffix: &str| {
                s.len() >= 2 && s.as_bytes()[s.len() - 2..].eq_ignore_ascii_case(suffix.as_bytes())
            };
            let pm = ends_with("pm") && *h < 12;
            let am12 = ends_with("am") && *h == 12;
            let h = if pm {
                h + 12
            } else if am12 {
                0
            } else {
                *h
            };
            if h < 24 && *mi < 60 && sec < 60 {
                let secs = (h * 3600 + mi * 60) as u32 + sec;
                stamp(y, m, d, Some((secs, precision)))
            } else {
                None
            }
        }
        _ => None,
    }
}

/// A status as a code, from its text or the number systems use (1 Mới đăng ký … 10 Đã trả kết
/// quả).
pub(super) fn status(v: &Value) -> Option<&'static str> {
    const CODES: [&str; 10] = [
        "registered",
        "accepted",
        "refused",
        "processing",
        "supplement",
        "financial",
        "withdrawn",
        "stopped",
        "completed",
        "returned",
    ];
    let key = match v {
        Value::Number(x) if x.fract() == 0.0 && (1.0..=10.0).contains(x) => {
            return Some(CODES[*x as usize - 1]);
        }
        other => fold(&other.as_text()),
    };
    if let Ok(n) = key.parse::<usize>() {
        return (1..=10).contains(&n).then(|| CODES[n - 1]);
    }
    let has = |w: &str| key.contains(w);
    Some(if has("khong duoc tiep nhan") || has("tu choi") {
        "refused"
    } else if has("moi dang ky") || has("cho tiep nhan") {
        "registered"
    } else if has("da tra ket qua") || has("da tra") {
        "returned"
    } else if has("da xu ly xong") || has("da giai quyet") || has("hoan thanh") || has("co ket qua")
    {
        "completed"
    } else if has("bo sung") {
        "supplement"
    } else if has("nghia vu tai chinh") {
        "financial"
    } else if has("rut ho so") || has("rut") {
        "withdrawn"
    } else if has("dung xu ly") || has("dung giai quyet") || has("tam dung") {
        "stopped"
    } else if has("dang xu ly") || has("dang giai quyet") || has("cho xu ly") {
        "processing"
    } else if has("tiep nhan") {
        "accepted"
    } else {
        return None;
    })
}

/// A channel as a code, from its text or number (1 trực tiếp, 2 trực tuyến, 3 bưu chính).
pub(super) fn channel(v: &Value) -> Option<&'static str> {
    let key = match v {
        Value::Number(x) => {
            return [None, Some("direct"), Some("online"), Some("postal")]
                .get(*x as usize)
                .copied()
                .flatten()
                .filter(|_| x.fract() == 0.0);
        }
        other => fold(&other.as_text()),
    };
    let has = |w: &str| key.contains(w);
    Some(match key.as_str() {
        "1" => "direct",
        "2" => "online",
        "3" => "postal",
        _ if has("truc tuyen") || has("online") || has("dvc") || has("qua mang") => "online",
        _ if has("buu chinh") || has("bcci") || has("buu dien") || has("qua duong buu") => "postal",
        _ if has("truc tiep") || has("mot cua") || has("tai quay") => "direct",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Value {
        Value::Text(s.into())
    }

    #[test]
    fn dates_in_the_forms_exports_write() {
        let m = |v: &Value| moment(v).map(Stamp::iso);
        assert_eq!(
            m(&t("05/03/2024 14:30:15")).as_deref(),
            Some("2024-03-05 14:30:15")
        );
        assert_eq!(
            m(&t("07/02/2025 11:28:40")).as_deref(),
            Some("2025-02-07 11:28:40")
        );
        assert_eq!(m(&t("05/03/2024")).as_deref(), Some("2024-03-05"));
        assert_eq!(
            m(&t("20240305143015")).as_deref(),
            Some("2024-03-05 14:30:15")
        );
        assert_eq!(m(&t("202403051430")).as_deref(), Some("2024-03-05 14:30"));
        assert_eq!(m(&t("20240305")).as_deref(), Some("2024-03-05"));
        assert_eq!(
            m(&t("2024-03-05T08:05:00")).as_deref(),
            Some("2024-03-05 08:05:00")
        );
        assert_eq!(m(&t("2024-03-05")).as_deref(), Some("2024-03-05"));
        assert_eq!(
            m(&t("05/03/2024 02:15 PM")).as_deref(),
            Some("2024-03-05 14:15")
        );
        assert_eq!(
            m(&t("05/03/2024 12:05 AM")).as_deref(),
            Some("2024-03-05 00:05")
        );
        assert_eq!(
            m(&Value::Date("05/03/2024 15:00:00".into())).as_deref(),
            Some("2024-03-05 15:00:00")
        );
        assert_eq!(
            m(&Value::Number(45356.625)).as_deref(),
            Some("2024-03-05 15:00:00")
        );
        // A serial's seconds are kept (11:28:40 is 41312.4780092… of a day).
        assert_eq!(
            m(&Value::Number(
                45695.0 + (11.0 * 3600.0 + 28.0 * 60.0 + 40.0) / 86_400.0
            ))
            .as_deref(),
            Some("2025-02-07 11:28:40")
        );
        assert_eq!(m(&t("05/03/2024 14:30:60")), None);
        assert_eq!(m(&Value::Number(45356.0)).as_deref(), Some("2024-03-05"));
        assert_eq!(m(&t("31/02/2024")), None);
        assert_eq!(m(&t("chưa có")), None);
        assert_eq!(m(&t("05/03/2024 25:00")), None);
        assert_eq!(m(&t("2024")), None);
    }

    #[test]
    fn statuses_and_channels_as_texts_or_codes() {
        assert_eq!(status(&t("Đã trả kết quả")), Some("returned"));
        assert_eq!(status(&t("Yêu cầu bổ sung")), Some("supplement"));
        assert_eq!(status(&t("Rút hồ sơ")), Some("withdrawn"));
        assert_eq!(status(&t("Không được tiếp nhận")), Some("refused"));
        assert_eq!(status(&Value::Number(9.0)), Some("completed"));
        assert_eq!(status(&t("8")), Some("stopped"));
        assert_eq!(status(&t("???")), None);
        assert_eq!(channel(&t("Trực tuyến")), Some("online"));
        assert_eq!(channel(&t("Qua dịch vụ BCCI")), Some("postal"));
        assert_eq!(channel(&Value::Number(1.0)), Some("direct"));
    }
}
