//! A dossier log's cells: dates and times in the forms exports write, statuses as texts or
//! codes, channels.

use cchc_model::civil;

use crate::cell::Value;
use crate::table::text::fold;

/// A date or date-time, as stored: `yyyy-mm-dd HH:MM` (local time), or `yyyy-mm-dd` when the
/// cell has no time. Accepts Excel dates and serials, `dd/MM/yyyy[ HH:mm[:ss]]` (also with `-`
/// or `.`), `yyyyMMdd[HHmm[ss]]`, and ISO `yyyy-mm-dd[ T]HH:MM[:SS]`.
pub(super) fn moment(v: &Value) -> Option<String> {
    match v {
        Value::Number(serial) if serial.is_finite() && *serial > 0.0 && *serial < 2_958_466.0 => {
            let minutes = (serial * 1440.0).round() as i64;
            let (days, minute) = (minutes.div_euclid(1440), minutes.rem_euclid(1440));
            let (y, m, d) = civil::from_days(days - 25_569);
            Some(if minute == 0 && serial.fract() == 0.0 {
                format!("{y:04}-{m:02}-{d:02}")
            } else {
                format!("{y:04}-{m:02}-{d:02} {:02}:{:02}", minute / 60, minute % 60)
            })
        }
        Value::Date(s) => text_moment(s),
        Value::Text(s) => text_moment(s),
        _ => None,
    }
}

fn valid(y: u32, m: u32, d: u32) -> bool {
    (1900..=2200).contains(&y)
        && (1..=12).contains(&m)
        && d >= 1
        && d <= cchc_calendar::day::days_in_month(y as i32, m)
}

fn text_moment(s: &str) -> Option<String> {
    let s = s.trim();
    let digits: Vec<&str> = s
        .split(|c: char| !c.is_ascii_digit())
        .filter(|p| !p.is_empty())
        .collect();
    let num = |p: &str| p.parse::<u32>().ok();
    let (y, m, d, rest): (u32, u32, u32, &[&str]) = match digits.as_slice() {
        // yyyyMMdd[HHmm[ss]]
        [one] if one.len() == 8 || one.len() == 12 || one.len() == 14 => {
            let (y, m, d) = (num(&one[0..4])?, num(&one[4..6])?, num(&one[6..8])?);
            if !valid(y, m, d) {
                return None;
            }
            let date = format!("{y:04}-{m:02}-{d:02}");
            if one.len() == 8 {
                return Some(date);
            }
            let (h, mi) = (num(&one[8..10])?, num(&one[10..12])?);
            return (h < 24 && mi < 60).then(|| format!("{date} {h:02}:{mi:02}"));
        }
        [a, b, c, rest @ ..] if a.len() == 4 => (num(a)?, num(b)?, num(c)?, rest),
        [a, b, c, rest @ ..] if c.len() == 4 => (num(c)?, num(b)?, num(a)?, rest),
        _ => return None,
    };
    if !valid(y, m, d) || rest.len() > 3 {
        return None;
    }
    let date = format!("{y:04}-{m:02}-{d:02}");
    match rest {
        [] => Some(date),
        [h, mi, ..] => {
            let (h, mi) = (num(h)?, num(mi)?);
            let pm = fold(s).ends_with("pm") && h < 12;
            let h = if pm { h + 12 } else { h };
            (h < 24 && mi < 60).then(|| format!("{date} {h:02}:{mi:02}"))
        }
        [_] => None,
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
        assert_eq!(
            moment(&t("05/03/2024 14:30:15")).as_deref(),
            Some("2024-03-05 14:30")
        );
        assert_eq!(moment(&t("05/03/2024")).as_deref(), Some("2024-03-05"));
        assert_eq!(
            moment(&t("20240305143015")).as_deref(),
            Some("2024-03-05 14:30")
        );
        assert_eq!(
            moment(&t("2024-03-05T08:05:00")).as_deref(),
            Some("2024-03-05 08:05")
        );
        assert_eq!(moment(&t("2024-03-05")).as_deref(), Some("2024-03-05"));
        assert_eq!(
            moment(&Value::Date("05/03/2024 15:00:00".into())).as_deref(),
            Some("2024-03-05 15:00")
        );
        assert_eq!(
            moment(&Value::Number(45356.625)).as_deref(),
            Some("2024-03-05 15:00")
        );
        assert_eq!(
            moment(&Value::Number(45356.0)).as_deref(),
            Some("2024-03-05")
        );
        assert_eq!(moment(&t("31/02/2024")), None);
        assert_eq!(moment(&t("chưa có")), None);
        assert_eq!(moment(&t("05/03/2024 25:00")), None);
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
