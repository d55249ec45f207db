//! The extraction as data: the JSON shape the `extract` command prints and
//! the app exports. Field names and meanings are a public contract.

use super::entities::EntityKind;
use super::Analysis;
use serde::Serialize;

#[derive(Debug, Serialize)]
pub struct Extraction<'a> {
    pub title: &'a str,
    pub sections: Vec<SectionOut<'a>>,
    pub entities: Vec<EntityOut<'a>>,
    pub mentions: Vec<MentionOut<'a>>,
    pub quotes: Vec<QuoteOut<'a>>,
}

#[derive(Debug, Serialize)]
pub struct QuoteOut<'a> {
    /// The quoted words without their quotation marks.
    pub start: usize,
    pub end: usize,
    pub text: &'a str,
    /// The id of the entity who said it, if the article tells.
    pub speaker: Option<&'a str>,
}

#[derive(Debug, Serialize)]
pub struct SectionOut<'a> {
    pub heading: Option<&'a str>,
    /// Byte offsets into the input exactly as given.
    pub start: usize,
    pub end: usize,
}

#[derive(Debug, Serialize)]
pub struct EntityOut<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub kind: EntityKind,
    pub aliases: &'a [String],
    pub roles: &'a [String],
    pub salience: f32,
    pub sections: &'a [usize],
    /// How many times it is mentioned.
    pub mentions: usize,
}

#[derive(Debug, Serialize)]
pub struct MentionOut<'a> {
    pub start: usize,
    pub end: usize,
    pub text: &'a str,
    pub kind: EntityKind,
    /// The id of the entity it names.
    pub entity: &'a str,
}

impl Analysis {
    /// The extraction as pretty JSON: what `article-explorer-cli extract`
    /// prints and the app's JSON export downloads (made by the reader's engine).
    pub fn to_json(&self) -> String {
        // Serializing plain structs of strings and numbers into a String cannot fail.
        serde_json::to_string_pretty(&self.extraction()).unwrap_or_else(|_| "{}".into())
    }

    /// The extraction in its public shape, borrowing from `self`.
    pub fn extraction(&self) -> Extraction<'_> {
        let text = &*self.text;
        let ents = &self.entities.entities;
        Extraction {
            title: self.title(),
            sections: self
                .doc
                .sections
                .iter()
                .map(|s| SectionOut { heading: s.heading.map(|h| h.of(text)), start: s.span.start, end: s.span.end })
                .collect(),
            entities: ents
                .iter()
                .map(|e| EntityOut {
                    id: &e.id,
                    name: &e.name,
                    kind: e.kind,
                    aliases: &e.aliases,
                    roles: &e.roles,
                    salience: e.salience,
                    sections: &e.sections,
                    mentions: e.mentions.len(),
                })
                .collect(),
            mentions: self
                .entities
                .mentions
                .iter()
                .map(|m| MentionOut {
                    start: m.span.start,
                    end: m.span.end,
                    text: m.span.of(text),
                    kind: m.kind,
                    entity: &ents[m.entity].id,
                })
                .collect(),
            quotes: self
                .quotes
                .iter()
                .map(|q| QuoteOut {
                    start: q.span.start,
                    end: q.span.end,
                    text: q.span.of(text),
                    speaker: q.speaker.map(|e| ents[e].id.as_str()),
                })
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn json_is_the_extract_shape() {
        let a = super::Analysis::new(crate::seeds::SEEDS[0].text);
        let v: serde_json::Value = serde_json::from_str(&a.to_json()).unwrap();
        for key in ["title", "sections", "entities", "mentions", "quotes"] {
            assert!(v.get(key).is_some(), "{key}");
        }
        assert_eq!(v["sections"].as_array().unwrap().len(), 7);
    }
}
