//! The simplification rules and the cost model: thresholds and inputs, documented in
//! `simplify_rules.toml` (compiled in), overridable key by key from a file of the analyst's.

use serde::Deserialize;

/// The default rules, documented: the text of `simplify_rules.toml`.
pub const DEFAULT_RULES_TOML: &str = include_str!("../simplify_rules.toml");

/// Thresholds of the simplification rules and inputs of the cost model.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rules {
    /// Share of the department's procedures the plan must propose.
    pub target_share: f64,
    pub rules: RuleSet,
    pub cost: CostModel,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleSet {
    pub no_dossiers: NoDossiers,
    pub time_slack: TimeSlack,
    pub late: Late,
    pub low_online: LowOnline,
    pub many_components: ManyComponents,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NoDossiers {
    pub enabled: bool,
    pub max_received: i64,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TimeSlack {
    pub enabled: bool,
    pub max_time_ratio: f64,
    pub min_resolved: i64,
    pub headroom: f64,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Late {
    pub enabled: bool,
    pub min_late_rate: f64,
    pub min_resolved: i64,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LowOnline {
    pub enabled: bool,
    pub max_online_share: f64,
    pub min_received: i64,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ManyComponents {
    pub enabled: bool,
    pub min_components: i64,
    pub cut_share: f64,
}

/// Inputs of the standard cost model.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CostModel {
    pub income_per_hour: f64,
    pub hours_per_component: f64,
    pub cost_per_component: f64,
    pub visits_in_person: f64,
    pub hours_per_visit: f64,
    pub travel_cost_per_visit: f64,
    pub hours_per_waiting_day: f64,
    pub late_followup_hours: f64,
}

/// Merges TOML tables: keys of `over` replace those of `base`, recursively.
fn merge(base: &mut toml::Table, over: toml::Table) {
    for (k, v) in over {
        match (base.get_mut(&k), v) {
            (Some(toml::Value::Table(b)), toml::Value::Table(o)) => merge(b, o),
            (_, v) => {
                base.insert(k, v);
            }
        }
    }
}

impl Default for Rules {
    fn default() -> Self {
        Rules::parse("").expect("the bundled simplify_rules.toml parses")
    }
}

/// Why a rules file cannot be used.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum RulesError {
    /// The TOML cannot be read, or names a key the rules do not have (the parser's words).
    #[error("{0}")]
    Syntax(String),
    /// `target_share` outside 0–1.
    #[error("target_share must be between 0 and 1, not {0}")]
    TargetShare(f64),
}

impl Rules {
    /// Reads rules from TOML text; keys left out keep the defaults of [`DEFAULT_RULES_TOML`].
    pub fn parse(text: &str) -> Result<Rules, RulesError> {
        let syntax = |e: toml::de::Error| RulesError::Syntax(e.to_string());
        let mut base: toml::Table = toml::from_str(DEFAULT_RULES_TOML).map_err(syntax)?;
        let over: toml::Table = toml::from_str(text).map_err(syntax)?;
        merge(&mut base, over);
        let rules: Rules = toml::Value::Table(base).try_into().map_err(syntax)?;
        if !(0.0..=1.0).contains(&rules.target_share) {
            return Err(RulesError::TargetShare(rules.target_share));
        }
        Ok(rules)
    }
}
