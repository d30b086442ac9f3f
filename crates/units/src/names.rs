//! The comparison keys of names as offices write them: "UBND phường Hố Nai", "Phường Hố Nai",
//! "P. Hố Nai", "PHƯỜNG HỐ NAI, TP. BIÊN HÒA" are one key; "Tỉnh Đồng Nai", "TỈNH ĐỒNG NAI",
//! "Đồng Nai" are one province.

use cchc_model::text::fold;

/// Abbreviations of a kind at the start of a name, folded, and the kind they stand for.
const ABBREVIATIONS: [(&str, &str); 6] = [
    ("p.", "phuong"),
    ("x.", "xa"),
    ("tt.", "thi tran"),
    ("tp.", "thanh pho"),
    ("q.", "quan"),
    ("h.", "huyen"),
];

/// Words that start the district a commune's name may be followed by.
const DISTRICT_WORDS: [&str; 6] = ["huyen ", "quan ", "thi xa ", "thanh pho ", "tp. ", "tp "];

/// The key of a unit's name: folded (accents, case, spaces), without "UBND", with a kind's
/// abbreviation written out, without a trailing district ("…, huyện X", "… - TP. Y").
pub fn name_key(name: &str) -> String {
    let mut k = fold(name);
    for prefix in ["uy ban nhan dan ", "ubnd "] {
        if let Some(rest) = k.strip_prefix(prefix) {
            k = rest.to_owned();
        }
    }
    for (short, long) in ABBREVIATIONS {
        if let Some(rest) = k.strip_prefix(short) {
            k = format!("{long} {}", rest.trim_start());
            break;
        }
    }
    for sep in [", ", " - ", " – ", " ("] {
        if let Some(at) = k.find(sep) {
            let after = k[at + sep.len()..].trim_start();
            if DISTRICT_WORDS.iter().any(|w| after.starts_with(w)) {
                k.truncate(at);
            }
        }
    }
    k.trim().to_owned()
}

/// The key of the district a commune's name is followed by ("Xã Thanh Sơn, huyện Tân Phú" →
/// "huyen tan phu"), if any.
pub fn district_key(name: &str) -> Option<String> {
    let k = fold(name);
    for sep in [", ", " - ", " – ", " ("] {
        if let Some(at) = k.find(sep) {
            let after = k[at + sep.len()..].trim_start();
            if DISTRICT_WORDS.iter().any(|w| after.starts_with(w)) {
                let district = name_key(after.trim_end_matches(')'));
                return Some(match district.strip_prefix("tp ") {
                    Some(rest) => format!("thanh pho {rest}"),
                    None => district,
                });
            }
        }
    }
    None
}

/// The key of a province's name: its [`name_key`] without the kind ("tỉnh", "thành phố").
pub fn province_key(name: &str) -> String {
    let k = name_key(name);
    for prefix in ["tinh ", "thanh pho ", "thu do "] {
        if let Some(rest) = k.strip_prefix(prefix) {
            return rest.to_owned();
        }
    }
    match k.as_str() {
        "hcm" | "tp hcm" | "tphcm" | "thanh pho hcm" => "ho chi minh".to_owned(),
        _ => k,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offices_spellings_of_one_unit_have_one_key() {
        let key = name_key("Phường Hố Nai");
        assert_eq!(key, "phuong ho nai");
        for s in [
            "UBND phường Hố Nai",
            "P. Hố Nai",
            "P.Hố Nai",
            "PHƯỜNG HỐ NAI",
            "Phường Hố Nai, TP. Biên Hòa",
            "Phường Hố Nai - thành phố Biên Hòa",
            "Ủy ban nhân dân phường Hố Nai",
        ] {
            assert_eq!(name_key(s), key, "{s}");
        }
        // A dash inside a department's name is kept.
        assert_eq!(
            name_key("Sở Lao động - Thương binh và Xã hội"),
            "so lao dong - thuong binh va xa hoi"
        );
        assert_eq!(name_key("TT. Trảng Bom"), "thi tran trang bom");
        for s in [
            "Tỉnh Đồng Nai",
            "TỈNH ĐỒNG NAI",
            "Đồng Nai",
            "UBND tỉnh Đồng Nai",
        ] {
            assert_eq!(province_key(s), "dong nai", "{s}");
        }
        assert_eq!(province_key("TP. Hồ Chí Minh"), "ho chi minh");
        assert_eq!(province_key("Thành phố Hồ Chí Minh"), "ho chi minh");
    }
}
