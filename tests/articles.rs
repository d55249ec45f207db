//! Articles written for these tests: shapes of text the seed does not have.

use article_explorer::core::entities::EntityKind;
use article_explorer::core::filter::Filter;
use article_explorer::core::Analysis;

const MARKDOWN: &str = "\u{feff}# Flooding closes ports along the Rhine\r\n\r\n\
By Staff Reporter\r\n\r\n\
Heavy rain forced authorities in Germany to close several river ports on Tuesday,\r\n\
officials in Berlin said.\r\n\r\n\r\n\
## Shipping\r\n\r\n\
The European Commission (EC) said it was monitoring the situation. The EC has\r\n\
asked member states for data.\r\n\r\n\
## What comes next\r\n\r\n\
Chancellor Maria Keller said the government would help. “We will rebuild,” Keller said.\r\n";

#[test]
fn markdown_article_with_crlf_bom_and_wrapped_paragraphs() {
    let a = Analysis::new(MARKDOWN);
    assert_eq!(a.title(), "Flooding closes ports along the Rhine");
    let headings: Vec<_> = a.doc.sections.iter().map(|s| s.heading.map(|h| a.slice(h))).collect();
    assert_eq!(headings, [None, Some("Shipping"), Some("What comes next")]);
    let lede: Vec<&str> = a.doc.paragraphs(0).map(|p| a.slice(p.span)).collect();
    assert_eq!(lede.len(), 2, "byline and one wrapped paragraph: {lede:?}");
    assert!(lede[1].starts_with("Heavy rain") && lede[1].ends_with("Berlin said."));
}

#[test]
fn person_with_title_and_later_surname() {
    let a = Analysis::new(MARKDOWN);
    let keller = a.entities.entities.iter().find(|e| e.name == "Maria Keller").expect("Maria Keller found");
    assert_eq!(keller.kind, EntityKind::Person);
    assert_eq!(keller.roles, ["Chancellor"]);
    assert_eq!(keller.aliases, ["Keller"]);
}

#[test]
fn acronym_in_parentheses_joins_its_long_form() {
    let a = Analysis::new(MARKDOWN);
    let ec = a.entities.entities.iter().find(|e| e.name == "European Commission").expect("European Commission found");
    assert_eq!(ec.kind, EntityKind::Organization);
    assert!(ec.aliases.iter().any(|x| x == "EC"), "{:?}", ec.aliases);
    assert_eq!(ec.mentions.len(), 3);
}

#[test]
fn places_found_and_spans_point_at_their_names() {
    let a = Analysis::new(MARKDOWN);
    for place in ["Germany", "Berlin"] {
        let e = a.entities.entities.iter().find(|e| e.name == place).unwrap_or_else(|| panic!("{place}"));
        assert_eq!(e.kind, EntityKind::Place);
        for &m in &e.mentions {
            assert_eq!(a.slice(a.entities.mentions[m].span), place);
        }
    }
}

#[test]
fn accents_fold_in_search() {
    let text =
        "Café society\n\nThe café on the corner reopened. Critics loved it.\n\nReviews\n\nA CAFE critic was pleased.\n";
    let a = Analysis::new(text);
    let out = a.apply(&Filter { query: "cafe".into(), ..Filter::default() });
    assert_eq!(out.visible, 2);
    let hits: Vec<&str> =
        (0..out.sections.len()).flat_map(|s| out.hits(&a.index, s).iter().map(|h| a.slice(*h))).collect();
    assert_eq!(hits, ["café", "CAFE"]);
}

#[test]
fn empty_text_is_an_empty_document() {
    let a = Analysis::new("");
    assert_eq!(a.title(), "");
    assert!(a.doc.sections.is_empty());
    assert!(a.entities.entities.is_empty());
    assert_eq!(a.apply(&Filter::default()).visible, 0);
}

#[test]
fn analysing_in_slices_gives_the_same_result_as_at_once() {
    use article_explorer::core::Analyzer;
    let text = include_str!("../seeds/000_e886c33bbeede175.txt");
    let whole = Analysis::new(text);
    let mut sliced = Analyzer::new(text, article_explorer::core::ner::model());
    let mut steps = 0;
    while !sliced.step(200) {
        steps += 1;
        assert!(sliced.progress() < 1.0);
    }
    assert!(steps > 5, "small slices take several steps");
    let sliced = sliced.finish();
    assert_eq!(sliced.entities, whole.entities);
    assert_eq!(sliced.quotes, whole.quotes);
    assert_eq!(sliced.doc, whole.doc);
}
