//! Peer groups: the blocks a province ranks its units in — its departments (sở, ban, ngành) and
//! its districts (from 2025, its communes) separately; nationally, ministries and provinces.

use crate::text::fold;

/// The block a unit is ranked in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PeerGroup {
    /// Departments, agencies (sở, ban, ngành).
    Departments,
    /// Districts (huyện, quận, thị xã, thành phố thuộc tỉnh).
    Districts,
    /// Communes (xã, phường, thị trấn, đặc khu).
    Communes,
    /// Provinces.
    Provinces,
    /// Ministries.
    Ministries,
}

impl PeerGroup {
    /// The code of the group in tables and JSON.
    pub fn code(self) -> &'static str {
        match self {
            PeerGroup::Departments => "departments",
            PeerGroup::Districts => "districts",
            PeerGroup::Communes => "communes",
            PeerGroup::Provinces => "provinces",
            PeerGroup::Ministries => "ministries",
        }
    }

    /// The group a unit's name says it belongs to: "UBND huyện Long Thành" is a district, "Sở
    /// Tư pháp" a department, "UBND phường Hố Nai" a commune; `None` when the name does not say
    /// ("Công an tỉnh", a city that may be a province's or a district's).
    ///
    /// ```
    /// use cchc_model::PeerGroup;
    /// assert_eq!(PeerGroup::of_name("UBND huyện Long Thành"), Some(PeerGroup::Districts));
    /// assert_eq!(PeerGroup::of_name("SỞ TƯ PHÁP"), Some(PeerGroup::Departments));
    /// assert_eq!(PeerGroup::of_name("P. Hố Nai"), Some(PeerGroup::Communes));
    /// assert_eq!(PeerGroup::of_name("Công an tỉnh"), None);
    /// ```
    pub fn of_name(name: &str) -> Option<PeerGroup> {
        let mut key = fold(name);
        for prefix in ["uy ban nhan dan ", "ubnd "] {
            if let Some(rest) = key.strip_prefix(prefix) {
                key = rest.to_owned();
            }
        }
        let starts = |words: &[&str]| words.iter().any(|w| key.starts_with(w));
        if starts(&["huyen ", "quan ", "thi xa ", "h. ", "q. "]) {
            Some(PeerGroup::Districts)
        } else if starts(&[
            "xa ",
            "phuong ",
            "thi tran ",
            "dac khu ",
            "p. ",
            "x. ",
            "tt. ",
        ]) {
            Some(PeerGroup::Communes)
        } else if starts(&["so ", "ban ", "thanh tra ", "van phong ", "chi cuc "]) {
            Some(PeerGroup::Departments)
        } else if starts(&["bo ", "uy ban dan toc", "ngan hang nha nuoc"]) {
            Some(PeerGroup::Ministries)
        } else {
            None
        }
    }

    /// The group a block heading of a results table names ("I. CÁC SỞ, BAN, NGÀNH TỈNH",
    /// "II. UBND CÁC HUYỆN, THÀNH PHỐ", "Khối xã, phường"); `None` when the text is no such
    /// heading.
    ///
    /// ```
    /// use cchc_model::PeerGroup;
    /// assert_eq!(PeerGroup::of_heading("I. CÁC SỞ, BAN, NGÀNH TỈNH"), Some(PeerGroup::Departments));
    /// assert_eq!(PeerGroup::of_heading("II. UBND CÁC HUYỆN, THÀNH PHỐ"), Some(PeerGroup::Districts));
    /// assert_eq!(PeerGroup::of_heading("B. Khối xã, phường, thị trấn"), Some(PeerGroup::Communes));
    /// assert_eq!(PeerGroup::of_heading("Sở Tư pháp"), None);
    /// ```
    pub fn of_heading(heading: &str) -> Option<PeerGroup> {
        let key = fold(heading);
        // A heading lists the members in the plural ("các sở", "khối huyện"), after an optional
        // numbering (I., II., A., 1.).
        let mut body = key.as_str();
        if let Some((first, rest)) = body.split_once(' ') {
            let token = first.trim_end_matches(['.', ')', ':']);
            let numbered = token.len() < first.len()
                && !token.is_empty()
                && (token.chars().all(|c| "ivxlc".contains(c))
                    || token.chars().all(|c| c.is_ascii_digit())
                    || (token.len() == 1 && token.chars().all(|c| c.is_ascii_lowercase())));
            if numbered {
                body = rest;
            }
        }
        let plural = ["cac ", "khoi ", "ubnd cac ", "uy ban nhan dan cac "];
        let rest = plural.iter().find_map(|p| body.strip_prefix(p))?;
        let rest = rest.trim_start_matches("cac ");
        if ["so", "co quan", "ban", "don vi"]
            .iter()
            .any(|w| rest.starts_with(w))
        {
            Some(PeerGroup::Departments)
        } else if ["huyen", "quan", "thi xa", "thanh pho"]
            .iter()
            .any(|w| rest.starts_with(w))
        {
            Some(PeerGroup::Districts)
        } else if ["xa", "phuong", "thi tran"]
            .iter()
            .any(|w| rest.starts_with(w))
        {
            Some(PeerGroup::Communes)
        } else if ["bo", "tinh"].iter().any(|w| rest.starts_with(w)) {
            Some(if rest.starts_with("bo") {
                PeerGroup::Ministries
            } else {
                PeerGroup::Provinces
            })
        } else {
            None
        }
    }
}
