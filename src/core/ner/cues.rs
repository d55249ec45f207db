//! Small closed word classes the features read beside the gazetteers:
//! lowercase name particles, generic words that end place and organisation
//! names, and trigger words that say what a sentence is about.
//!
//! Not gazetteers ([`gazetteer`](super::gazetteer): open lists of names,
//! shipped as data): these are a few dozen words of general English (and the
//! particles of names in European and Arabic naming), fixed in the code like
//! the feature templates themselves. Every class only gives features; their
//! weights are learned from CoNLL-2003, so a list never decides a tag.
//!
//! Where the lists come from:
//! * particles: the lowercase connectives of personal and place names in
//!   the naming conventions of Dutch, German, French, Spanish, Portuguese,
//!   Italian and Arabic names (as in style guides' rules for alphabetising
//!   names: "van", "von der", "de la", "dos", "bin", "ibn", the Arabic article
//!   "al-"/"el-" and its assimilated forms);
//! * generic words: the head nouns of descriptive place and organisation
//!   names in general English ("… station", "… stadium", "… university"),
//!   the kind of word a name may end with or be followed by;
//! * trigger words: the context-word classes of named-entity work
//!   (the "trigger words" of Zhou & Su 2002 and the MUC systems: roles that
//!   introduce people, words of sports reports, markets and government),
//!   written out from general news vocabulary, not from any one text.

use super::hash::FxHashMap;
use std::sync::OnceLock;

/// Shape class of one word for the name-structure features ([`kind`]).
pub const K_OTHER: u8 = 0;
pub const K_CAP: u8 = 1;
pub const K_LOWER: u8 = 2;
/// A lowercase name particle ("von", "de", "bin").
pub const K_PARTICLE: u8 = 3;
/// A word with an attached article or particle ("al-Assad", "el-Sisi").
pub const K_PREFIXED: u8 = 4;
/// Generic place word ("station", "airport"), capitalised / lowercase.
pub const K_LOCGEN_CAP: u8 = 5;
pub const K_LOCGEN_LOW: u8 = 6;
/// Generic organisation word ("university", "council"), capitalised / lowercase.
pub const K_ORGGEN_CAP: u8 = 7;
pub const K_ORGGEN_LOW: u8 = 8;

const PARTICLES: &[&str] = &[
    "von", "van", "der", "den", "de", "del", "della", "degli", "di", "da", "das", "do", "dos", "du", "des", "la", "le",
    "ter", "ten", "zu", "vom", "zum", "zur", "y", "bin", "bint", "ibn", "al", "el", "abu", "ben", "ould",
];

/// Attached articles and particles: `al-Assad`, `el-Sisi`, `bin-Laden`.
const PREFIXES: &[&str] = &["al-", "el-", "ad-", "ash-", "as-", "an-", "ar-", "az-", "at-", "bin-", "ibn-", "abu-"];

const LOC_GENERIC: &[&str] = &[
    "station",
    "circuit",
    "airport",
    "stadium",
    "arena",
    "park",
    "square",
    "street",
    "avenue",
    "road",
    "bridge",
    "palace",
    "castle",
    "tower",
    "hall",
    "cathedral",
    "church",
    "mosque",
    "temple",
    "museum",
    "river",
    "lake",
    "mountain",
    "mountains",
    "island",
    "islands",
    "valley",
    "bay",
    "coast",
    "strait",
    "canal",
    "harbour",
    "harbor",
    "port",
    "beach",
    "forest",
    "desert",
    "plain",
    "hill",
    "hills",
    "peninsula",
    "province",
    "county",
    "district",
    "region",
    "state",
    "city",
    "town",
    "village",
    "border",
    "ground",
    "racecourse",
    "track",
    "field",
    "base",
    "camp",
    "dam",
    "reactor",
    "plant",
    "mine",
    "refinery",
];

const ORG_GENERIC: &[&str] = &[
    "university",
    "college",
    "school",
    "institute",
    "academy",
    "hospital",
    "council",
    "committee",
    "commission",
    "ministry",
    "department",
    "agency",
    "authority",
    "bureau",
    "office",
    "court",
    "tribunal",
    "parliament",
    "assembly",
    "senate",
    "congress",
    "party",
    "union",
    "federation",
    "association",
    "league",
    "club",
    "team",
    "company",
    "corporation",
    "group",
    "bank",
    "fund",
    "foundation",
    "board",
    "service",
    "army",
    "police",
    "navy",
    "force",
    "forces",
    "front",
    "movement",
    "alliance",
    "exchange",
    "airlines",
    "airways",
    "network",
    "newspaper",
    "daily",
];

/// Trigger classes ([`trigger`]): bit set.
pub const TR_ROLE: u8 = 1;
pub const TR_SPORT: u8 = 2;
pub const TR_MARKET: u8 = 4;
pub const TR_GOVT: u8 = 8;

const ROLE: &[&str] = &[
    "minister",
    "president",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "chairman",
    "chairwoman",
    "chair",
    "coach",
    "manager",
    "captain",
    "striker",
    "midfielder",
    "defender",
    "goalkeeper",
    "senator",
    "governor",
    "mayor",
    "premier",
    "secretary",
    "director",
    "chief",
    "leader",
    "ambassador",
    "envoy",
    "general",
    "commander",
    "official",
    "officials",
    "analyst",
    "economist",
    "lawyer",
    "judge",
    "prosecutor",
    "told",
    "quoted",
    "added",
];

const SPORT: &[&str] = &[
    "coach",
    "striker",
    "midfielder",
    "goalkeeper",
    "beat",
    "beats",
    "defeated",
    "drew",
    "draw",
    "match",
    "matches",
    "season",
    "league",
    "cup",
    "goal",
    "goals",
    "scored",
    "innings",
    "wicket",
    "wickets",
    "champions",
    "championship",
    "tournament",
    "points",
    "seeded",
    "race",
    "lap",
    "victory",
    "halftime",
    "half-time",
    "penalty",
    "played",
    "club",
    "home",
    "away",
    "win",
    "won",
    "lost",
    "final",
    "semifinal",
    "quarterfinal",
    "round",
    "game",
    "games",
    "soccer",
    "football",
    "tennis",
    "cricket",
    "rugby",
    "baseball",
    "basketball",
    "hockey",
    "golf",
    "cycling",
    "racing",
    "athletics",
    "olympic",
    "olympics",
    "title",
    "fixture",
    "fixtures",
];

const MARKET: &[&str] = &[
    "shares",
    "share",
    "stock",
    "stocks",
    "stake",
    "company",
    "companies",
    "firm",
    "profit",
    "profits",
    "revenue",
    "revenues",
    "earnings",
    "quarter",
    "market",
    "markets",
    "bid",
    "merger",
    "acquisition",
    "deal",
    "analysts",
    "investors",
    "dividend",
    "executive",
    "ceo",
    "subsidiary",
    "unit",
    "listed",
    "traded",
    "trading",
    "index",
    "bonds",
    "bond",
    "sales",
    "billion",
    "million",
    "percent",
    "pct",
    "prices",
    "price",
    "exchange",
    "brokers",
];

const GOVT: &[&str] = &[
    "minister",
    "ministry",
    "government",
    "parliament",
    "parliamentary",
    "election",
    "elections",
    "vote",
    "voters",
    "party",
    "opposition",
    "president",
    "presidential",
    "embassy",
    "talks",
    "treaty",
    "troops",
    "rebels",
    "police",
    "army",
    "military",
    "officials",
    "cabinet",
    "senate",
    "congress",
    "lawmakers",
    "sanctions",
    "summit",
    "diplomats",
    "capital",
    "state",
    "province",
    "border",
    "war",
    "ceasefire",
    "peace",
    "court",
];

/// Bits of [`lists_of`] beside the trigger classes (`TR_*`, the low byte).
const IN_PARTICLES: u16 = 1 << 8;
const IN_LOC_GENERIC: u16 = 1 << 9;
const IN_ORG_GENERIC: u16 = 1 << 10;

/// Which of the lists hold the lowercase word `low`: one table lookup
/// instead of a scan of every list (a word may be in several).
fn lists_of(low: &str) -> u16 {
    static TABLE: OnceLock<FxHashMap<&'static str, u16>> = OnceLock::new();
    let table = TABLE.get_or_init(|| {
        let mut table = FxHashMap::default();
        let lists = [
            (PARTICLES, IN_PARTICLES),
            (LOC_GENERIC, IN_LOC_GENERIC),
            (ORG_GENERIC, IN_ORG_GENERIC),
            (ROLE, TR_ROLE as u16),
            (SPORT, TR_SPORT as u16),
            (MARKET, TR_MARKET as u16),
            (GOVT, TR_GOVT as u16),
        ];
        for (list, bit) in lists {
            for &word in list {
                *table.entry(word).or_insert(0) |= bit;
            }
        }
        table
    });
    table.get(low).copied().unwrap_or(0)
}

/// Shape class of a word given its normalised form, its lowercase form and
/// whether it is capitalised.
pub fn kind(norm: &str, low: &str, cap: bool) -> u8 {
    let lists = lists_of(low);
    if lists & IN_PARTICLES != 0 && !cap {
        return K_PARTICLE;
    }
    if let Some(p) = PREFIXES.iter().find(|p| low.starts_with(*p)) {
        if norm[p.len()..].chars().next().is_some_and(char::is_alphabetic) {
            return K_PREFIXED;
        }
    }
    if lists & IN_LOC_GENERIC != 0 {
        return if cap { K_LOCGEN_CAP } else { K_LOCGEN_LOW };
    }
    if lists & IN_ORG_GENERIC != 0 {
        return if cap { K_ORGGEN_CAP } else { K_ORGGEN_LOW };
    }
    match norm.chars().next() {
        Some(c) if c.is_uppercase() => K_CAP,
        Some(c) if c.is_lowercase() => K_LOWER,
        _ => K_OTHER,
    }
}

/// Trigger classes of a lowercase word (bit set of `TR_*`).
pub fn trigger(low: &str) -> u8 {
    lists_of(low) as u8
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn classes() {
        assert_eq!(kind("von", "von", false), K_PARTICLE);
        assert_eq!(kind("Van", "van", true), K_CAP);
        assert_eq!(kind("al-Assad", "al-assad", false), K_PREFIXED);
        assert_eq!(kind("al-", "al-", false), K_LOWER);
        assert_eq!(kind("station", "station", false), K_LOCGEN_LOW);
        assert_eq!(kind("University", "university", true), K_ORGGEN_CAP);
        assert_eq!(kind("1996", "1996", false), K_OTHER);
        assert_eq!(trigger("coach"), TR_ROLE | TR_SPORT);
        assert_eq!(trigger("shares"), TR_MARKET);
        assert_eq!(trigger("the"), 0);
    }
}
