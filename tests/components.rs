//! What a reader sees, rendered natively with yew's server renderer: the
//! page for a URL query, parsed with `scraper` (html5ever, as a browser would)
//! and checked with CSS selectors against `docs/DOM.md`. The entity model may
//! change, so entity checks are structural (whatever the core finds), except
//! for the seed's seven sections.
#![cfg(all(feature = "app", not(target_arch = "wasm32")))]

use article_explorer::app::{App, AppProps};
use article_explorer::core::entities::EntityKind;
use article_explorer::core::filter::Filter;
use article_explorer::core::parse::BlockKind;
use article_explorer::core::Analysis;
use article_explorer::seeds::{Seed, SEEDS};
use scraper::selectable::Selectable;
use scraper::{CaseSensitivity, ElementRef, Html, Node, Selector};
use yew::LocalServerRenderer;

/// Paragraphs of the reading pane's opening page (`docs/DOM.md`, "Long articles").
const OPENING_BLOCKS: usize = 60;
/// Rows a windowed outline draws (`docs/DOM.md`, "Outline").
const OUTLINE_ROWS: usize = 80;

async fn render_with(seeds: &'static [Seed], query: &str) -> Html {
    let query: yew::AttrValue = query.to_string().into();
    let props = yew::props!(AppProps { query, seeds });
    doc(&LocalServerRenderer::<App>::with_props(props).hydratable(false).render().await)
}

async fn render(query: &str) -> Html {
    render_with(SEEDS, query).await
}

fn seed() -> Analysis {
    Analysis::new(SEEDS[0].text)
}

/// The page parsed as a browser would; a parse error (such as a `<div>` in a `<p>`, which a
/// browser would silently re-nest) fails the test.
fn doc(html: &str) -> Html {
    let doc = Html::parse_fragment(html);
    assert!(doc.errors.is_empty(), "{:?} in {html}", doc.errors);
    doc
}

fn all<'a>(scope: impl Selectable<'a>, css: &str) -> Vec<ElementRef<'a>> {
    let selector = Selector::parse(css).unwrap_or_else(|e| panic!("bad selector {css}: {e:?}"));
    scope.select(&selector).collect()
}

fn count<'a>(scope: impl Selectable<'a>, css: &str) -> usize {
    all(scope, css).len()
}

/// The first element matching `css`.
fn first<'a>(scope: impl Selectable<'a>, css: &str) -> ElementRef<'a> {
    *all(scope, css).first().unwrap_or_else(|| panic!("nothing matches {css}"))
}

/// The one element matching `css`.
fn one<'a>(scope: impl Selectable<'a>, css: &str) -> ElementRef<'a> {
    match all(scope, css)[..] {
        [element] => element,
        ref found => panic!("{} elements match {css}, not one", found.len()),
    }
}

/// An element's text, without the kind labels.
fn text(element: ElementRef) -> String {
    element
        .children()
        .map(|node| match node.value() {
            Node::Text(t) => t.to_string(),
            Node::Element(e) if !e.has_class("kind-label", CaseSensitivity::CaseSensitive) => {
                text(ElementRef::wrap(node).unwrap())
            }
            _ => String::new(),
        })
        .collect()
}

/// The texts of the elements matching `css`.
fn texts<'a>(scope: impl Selectable<'a>, css: &str) -> Vec<String> {
    all(scope, css).into_iter().map(text).collect()
}

/// Attribute `name` of the elements matching `css`.
fn attrs<'a>(scope: impl Selectable<'a>, css: &str, name: &str) -> Vec<&'a str> {
    all(scope, css).into_iter().map(|e| e.attr(name).unwrap_or_else(|| panic!("{css} without {name}"))).collect()
}

/// An element's child nodes: a text as itself, an element as `name.class…: its whole text`.
fn nodes(element: ElementRef) -> Vec<String> {
    element
        .children()
        .map(|node| match ElementRef::wrap(node) {
            Some(e) => {
                let classes: String =
                    e.attr("class").unwrap_or("").split_whitespace().map(|c| format!(".{c}")).collect();
                format!("{}{classes}: {}", e.value().name(), e.text().collect::<String>())
            }
            None => node.value().as_text().map_or(String::new(), |t| t.to_string()),
        })
        .collect()
}

/// The status line, e.g. "3 of 7 sections".
fn status(doc: &Html) -> String {
    text(one(doc, "p#status"))
}

#[tokio::test]
async fn shows_every_section_with_headings() {
    let doc = render("").await;
    let main = one(&doc, "main");
    let a = seed();
    assert_eq!(a.doc.sections.len(), 7);
    assert_eq!(count(main, "section"), 7);
    for s in 0..7 {
        assert_eq!(count(main, &format!("section#section-{s}[tabindex=\"-1\"]")), 1, "section-{s}");
    }
    // The lede has no heading and is labelled; the other six have one <h2> each.
    assert_eq!(count(main, "section#section-0[aria-label=\"Introduction\"]"), 1);
    assert_eq!(count(main, "section#section-0 h2"), 0);
    for s in 1..7 {
        assert_eq!(count(main, &format!("section#section-{s} h2")), 1, "section-{s}");
    }
    assert_eq!(count(main, "h2"), 6);
    assert_eq!(count(main, "p"), a.doc.blocks.iter().filter(|b| b.kind == BlockKind::Paragraph).count());
    assert_eq!(count(main, "mark"), 0);
    assert_eq!(count(main, "#empty"), 0);
    assert_eq!(status(&doc), "7 of 7 sections");
    assert_eq!(count(&doc, "p#status[role=\"status\"][aria-live=\"polite\"]"), 1);
    assert_eq!(texts(&doc, "h1#title"), [a.title()]);
}

#[tokio::test]
async fn figures_line() {
    let doc = render("").await;
    let a = seed();
    let words = a.doc.word_count();
    let entities = a.entities.entities.len();
    let expected = format!(
        "7 sections · {words} words · {} min read · {entities} {}",
        words.div_ceil(230),
        if entities == 1 { "entity" } else { "entities" }
    );
    assert_eq!(texts(&doc, "p.figures"), [expected]);
}

#[tokio::test]
async fn no_text_is_lost_or_duplicated() {
    for query in ["", "?q=pakistan", "?q=%22cross-border+threats%22+security", "?q=a", "?q=asif&e=place-pakistan&any=1"]
    {
        let doc = render(query).await;
        let a = seed();
        let outcome = a.apply(&Filter::from_query(query));
        assert!(outcome.visible > 0, "{query}");
        let expected: String = a
            .doc
            .sections
            .iter()
            .enumerate()
            .filter(|(s, _)| outcome.sections[*s].visible)
            .flat_map(|(_, sec)| a.doc.blocks[sec.blocks.clone()].iter().map(|b| b.span.of(&a.text)))
            .collect();
        assert_eq!(texts(&doc, "main"), [expected], "query {query}");
    }
}

#[tokio::test]
async fn search_marks_hits_and_narrows() {
    let doc = render("?q=asif").await;
    let a = seed();
    let outcome = a.apply(&Filter { query: "asif".into(), ..Filter::default() });
    let main = one(&doc, "main");
    assert!(outcome.visible > 0 && outcome.visible < 7);
    assert_eq!(count(main, "section"), outcome.visible);
    assert_eq!(status(&doc), format!("{} of 7 sections", outcome.visible));
    let marks = texts(main, "mark");
    assert_eq!(marks.len(), (0..outcome.sections.len()).map(|s| outcome.hits(&a.index, s).len()).sum::<usize>());
    assert!(marks.iter().all(|m| m.eq_ignore_ascii_case("asif")), "{marks:?}");
    // The search box shows the query.
    assert_eq!(count(&doc, "input[type=\"search\"]#search[value=\"asif\"]"), 1);
    assert_eq!(texts(&doc, "label[for=\"search\"]"), ["Search"]);
}

#[tokio::test]
async fn search_folds_case_accents_and_quotes() {
    let plain = render("?q=cross-border").await;
    let fancy = render("?q=CR%C3%93SS-BORDER").await;
    assert_eq!(status(&plain), status(&fancy));
    assert_eq!(count(&plain, "main mark"), count(&fancy, "main mark"));
}

#[tokio::test]
async fn nothing_matches_shows_the_empty_state() {
    let doc = render("?q=zzqxj").await;
    let main = one(&doc, "main");
    assert_eq!(count(main, "section"), 0);
    assert_eq!(status(&doc), "0 of 7 sections");
    let empty = one(main, "div#empty[role=\"note\"]");
    assert!(text(empty).starts_with("No section matches \u{201c}zzqxj\u{201d}"), "{}", text(empty));
    assert_eq!(texts(empty, "button#reset"), ["Clear all filters"]);
    // Every outline link is marked hidden.
    let nav = first(&doc, "nav");
    assert_eq!(count(nav, "a.hidden-section[aria-disabled=\"true\"]"), 7);
}

#[tokio::test]
async fn unknown_entity_in_a_link_keeps_nothing() {
    let doc = render("?e=person-nobody-at-all").await;
    assert_eq!(count(&doc, "main section"), 0);
    assert_eq!(count(&doc, "main #empty"), 1);
}

#[tokio::test]
async fn outline_links_every_section_with_counts_when_narrowed() {
    let doc = render("").await;
    let nav = first(&doc, "nav");
    assert_eq!(nav.attr("aria-label"), Some("Sections"));
    for s in 0..7 {
        assert_eq!(count(nav, &format!("a[href=\"#section-{s}\"]")), 1);
    }
    assert!(text(nav).contains("Introduction"));
    assert_eq!(count(nav, ".count"), 0);
    assert_eq!(count(nav, "[aria-disabled]"), 0);

    let doc = render("?q=pakistan").await;
    let nav = first(&doc, "nav");
    let a = seed();
    let outcome = a.apply(&Filter { query: "pakistan".into(), ..Filter::default() });
    assert_eq!(count(nav, ".count"), 7);
    assert_eq!(count(nav, "[aria-disabled=\"true\"]"), 7 - outcome.visible);
    let first_visible = outcome.sections.iter().position(|s| s.visible).unwrap();
    let matches = outcome.matches(&a.index, first_visible);
    let count_span = one(nav, &format!("a[href=\"#section-{first_visible}\"] span.count"));
    assert_eq!(text(count_span), matches.to_string());
    assert!(count_span.attr("title").unwrap().starts_with(&format!("{matches} match")));
}

#[tokio::test]
async fn entity_panel_lists_kinds_and_buttons() {
    let doc = render("").await;
    let aside = first(&doc, "aside");
    let a = seed();
    assert_eq!(aside.attr("aria-label"), Some("Entities"));
    assert_eq!(texts(aside, "button#match-mode[aria-pressed=\"false\"]"), ["Match any chosen entity"]);
    assert_eq!(count(aside, "button.entity"), a.entities.entities.len());
    assert_eq!(count(aside, "button[aria-pressed=\"true\"]"), count(aside, "button.kind-toggle"));
    for kind in EntityKind::ALL {
        let has = a.entities.entities.iter().any(|e| e.kind == kind);
        let group = format!("div.kind-group[data-kind=\"{}\"]", kind.as_str());
        assert_eq!(count(aside, &group), has as usize, "{kind:?}");
        if has {
            assert_eq!(texts(one(aside, &group), "h2"), [kind.plural_label()]);
            let toggle = format!("button.kind-toggle[data-kind=\"{}\"][aria-pressed=\"true\"]", kind.as_str());
            assert_eq!(texts(aside, &toggle), [format!("Show {}", kind.plural_label().to_lowercase())]);
        }
    }
    // Salience order within each kind, names and counts in the button text.
    let listed = attrs(aside, "button.entity", "data-entity");
    for kind in EntityKind::ALL {
        let ids: Vec<&str> = a.entities.entities.iter().filter(|e| e.kind == kind).map(|e| e.id.as_str()).collect();
        let in_order: Vec<&str> = listed.iter().copied().filter(|id| ids.contains(id)).collect();
        assert_eq!(in_order, ids, "{kind:?} out of order");
    }
    for e in &a.entities.entities {
        let button = one(aside, &format!("button.entity[data-entity=\"{}\"][aria-pressed=\"false\"]", e.id));
        assert_eq!(text(button), format!("{} {}", e.name, e.mentions.len()));
        assert_eq!(count(button, "span.count"), 1);
    }
}

#[tokio::test]
async fn the_seed_names_its_people_and_places() {
    let a = seed();
    let names: Vec<&str> = a.entities.entities.iter().map(|e| e.name.as_str()).collect();
    for name in ["Khawaja Asif", "Pakistan", "Kabul", "Islamabad"] {
        assert!(names.contains(&name), "{name} missing from {names:?}");
    }
    let doc = render("").await;
    assert!(texts(first(&doc, "aside"), "span").iter().any(|t| t == "Khawaja Asif"));
    let mention = first(&doc, "main span.mention.kind-person[data-entity=\"person-khawaja-asif\"]");
    assert_eq!(nodes(mention), ["span.name: Khawaja Asif", "span.kind-label: person"]);
}

#[tokio::test]
async fn choosing_an_entity_filters_and_highlights() {
    let a = seed();
    let e = &a.entities.entities[0];
    let doc = render(&format!("?e={}", e.id)).await;
    let main = one(&doc, "main");
    assert_eq!(count(main, "section"), e.sections.len());
    assert_eq!(status(&doc), format!("{} of 7 sections", e.sections.len()));
    assert_eq!(count(first(&doc, "aside"), &format!("button[data-entity=\"{}\"][aria-pressed=\"true\"]", e.id)), 1);
    // Every mention in the sections (the title is shown in the header, plain).
    let in_sections =
        e.mentions.iter().filter(|&&m| a.doc.blocks[a.entities.mentions[m].block].section.is_some()).count();
    assert!(in_sections > 0);
    let chosen = format!("span.mention.kind-{}.chosen[data-entity=\"{}\"]", e.kind.as_str(), e.id);
    assert_eq!(count(main, &chosen), in_sections);
    assert_eq!(count(main, "span.chosen"), in_sections);
}

#[tokio::test]
async fn several_entities_combine_with_all_or_any() {
    let a = seed();
    let (e1, e2) = (&a.entities.entities[0], &a.entities.entities[1]);
    let both = e1.sections.iter().filter(|s| e2.sections.contains(s)).count();
    let either = (0..7).filter(|s| e1.sections.contains(s) || e2.sections.contains(s)).count();
    let all = render(&format!("?e={},{}", e1.id, e2.id)).await;
    assert_eq!(count(&all, "main section"), both);
    let any = render(&format!("?e={},{}&any=1", e1.id, e2.id)).await;
    assert_eq!(count(&any, "main section"), either);
    assert_eq!(count(&any, "button#match-mode[aria-pressed=\"true\"]"), 1);
}

#[tokio::test]
async fn hidden_kinds_are_neither_listed_nor_highlighted() {
    let doc = render("?hide=place").await;
    let (main, aside) = (one(&doc, "main"), first(&doc, "aside"));
    assert_eq!(count(main, ".kind-place"), 0);
    assert_eq!(count(aside, "button.entity.kind-place"), 0);
    assert_eq!(count(aside, "button.kind-toggle[data-kind=\"place\"][aria-pressed=\"false\"]"), 1);
    assert_eq!(count(main, "section"), 7);
    // Other kinds still are.
    assert!(count(main, ".kind-person") > 0);
}

#[tokio::test]
async fn hits_inside_mentions_nest_validly() {
    // "Asif’s": the possessive follows the name inside the mention, before its label.
    let doc = render("").await;
    let possessive = ["span.name: Asif", "’s", "span.kind-label: person"];
    assert!(all(&doc, "main span.mention").into_iter().any(|m| nodes(m).windows(3).any(|w| w == possessive)));
    // "Asif" is both a hit and (part of) a person mention: the mark ends the name, the label follows.
    let doc = render("?q=asif").await;
    let main = one(&doc, "main");
    assert!(all(main, "span.mention.kind-person").into_iter().any(|m| {
        let name_then_label =
            nodes(m).windows(2).any(|w| w[0].starts_with("span.name: ") && w[1] == "span.kind-label: person");
        name_then_label && nodes(one(m, "span.name")).last().is_some_and(|n| n == "mark: Asif")
    }));
    // Marks hold text only: never the start of a mention (a mention closes after its marks).
    assert!(count(main, "mark") > 0);
    assert_eq!(count(main, "mark *"), 0);
}

#[tokio::test]
async fn article_switcher_only_with_two_seeds() {
    let doc = render("").await;
    assert_eq!(count(&doc, "select"), 0);

    let two = Seed::all_analysed_now(&[
        ("oslo", "oslo.txt", "Snow in Oslo\nMaria Berg said the snow closed Oslo airport.\n"),
        ("lima", "lima.txt", "Heat <b>in</b> Lima\nJuan Perez said Lima & Cusco were <i>hot</i> \"today\".\n"),
    ]);
    let doc = render_with(two, "?a=lima").await;
    assert_eq!(texts(&doc, "label[for=\"article\"]"), ["Article"]);
    let select = one(&doc, "select#article");
    assert_eq!(count(select, "option"), 2);
    assert_eq!(attrs(select, "option[selected]", "value"), ["lima"]);
    // Text is escaped, never markup.
    assert_eq!(texts(&doc, "h1#title"), ["Heat <b>in</b> Lima"]);
    assert_eq!(count(&doc, "b"), 0);
    assert_eq!(count(&doc, "main i"), 0);
    assert!(text(one(&doc, "main")).contains("Lima & Cusco were <i>hot</i> \"today\"."), "{}", text(one(&doc, "main")));
    assert_eq!(status(&doc), "1 of 1 section");
}

#[tokio::test]
async fn only_sections_are_sections() {
    let doc = render("?q=pakistan").await;
    assert_eq!(count(&doc, "main"), 1);
    assert_eq!(count(&doc, "section"), count(&doc, "main section"));
    assert_eq!(count(&doc, "[style]"), 0);
    assert_eq!(count(&doc, "script"), 0);
}

// ---------------------------------------------------------------- reader features

#[tokio::test]
async fn quotes_panel_lists_the_seed_quotes_with_their_speaker() {
    let doc = render("").await;
    let quotes = one(&doc, "aside[aria-label=\"Quotes\"]");
    let a = seed();
    assert_eq!(count(quotes, "li.quote"), a.quotes.len());
    let t = text(quotes);
    for q in ["misleading and malicious", "continue its decisive measures against terrorism and cross-border threats"] {
        assert!(t.contains(q), "{q} missing from {t}");
        let quote = a.quotes.iter().find(|x| a.slice(x.span).contains(q)).expect(q);
        assert_eq!(quote.speaker.map(|s| a.entities.entities[s].id.as_str()), Some("person-khawaja-asif"), "{q}");
    }
    assert!(count(quotes, "button.speaker[data-entity=\"person-khawaja-asif\"][aria-pressed=\"false\"]") >= 2);
    // Every quote links to its section; nothing in the panel is a <section>.
    assert!(count(quotes, "a.goto") >= 2);
    assert_eq!(count(quotes, "section"), 0);
    // Choosing the speaker keeps only their quotes, and presses their buttons.
    let doc = render("?e=person-khawaja-asif").await;
    let quotes = one(&doc, "aside[aria-label=\"Quotes\"]");
    let theirs = a
        .quotes
        .iter()
        .filter(|q| q.speaker.is_some_and(|s| a.entities.entities[s].id == "person-khawaja-asif"))
        .count();
    assert_eq!(count(quotes, "li.quote"), theirs);
    assert_eq!(count(quotes, "button.speaker[aria-pressed=\"true\"]"), theirs);
    assert!(!text(quotes).contains("Unattributed"));
}

#[tokio::test]
async fn mention_map_marks_chosen_entities_with_names() {
    let doc = render("?e=person-khawaja-asif").await;
    let map = one(&doc, "nav#mention-map[aria-label=\"Mention map\"]");
    let marks = all(map, "a");
    assert!(!marks.is_empty());
    // One tab stop for the whole map.
    assert_eq!(count(map, "a[tabindex=\"0\"]"), 1);
    // Every mark is his: a person's mark, named for him.
    assert_eq!(count(map, "a.mark.kind-person"), marks.len());
    for m in &marks {
        assert!(m.attr("aria-label").unwrap().starts_with("Khawaja Asif, section "), "{m:?}");
        assert!(m.attr("href").unwrap().starts_with("#section-"), "{m:?}");
    }
    // Positions are SVG attributes, never style.
    assert_eq!(count(map, "[style]"), 0);
    assert!(count(map, "[y]") > 0);
}

#[tokio::test]
async fn graph_nodes_are_toggle_buttons_with_a_text_alternative() {
    let doc = render("?e=person-khawaja-asif").await;
    let graph = one(&doc, "aside[aria-label=\"Entity graph\"]");
    let a = seed();
    let drawn = count(graph, "g");
    assert_eq!(drawn, a.entities.entities.len().min(12));
    assert_eq!(count(graph, "g[role=\"button\"][tabindex=\"0\"][aria-label]"), drawn);
    assert_eq!(count(graph, "g[aria-pressed=\"true\"]"), 1);
    assert_eq!(count(graph, "g[data-entity=\"person-khawaja-asif\"][aria-pressed=\"true\"]"), 1);
    let t = text(first(graph, "details"));
    assert!(t.contains("Khawaja Asif \u{2014} Pakistan: ") || t.contains("Pakistan \u{2014} Khawaja Asif: "), "{t}");
    assert!(t.contains("shared sentence"));
}

#[tokio::test]
async fn import_and_export_controls_are_labelled() {
    let doc = render("").await;
    let import = one(&doc, "details#import");
    assert_eq!(count(import, "label[for=\"paste\"]"), 1);
    assert_eq!(count(import, "textarea#paste"), 1);
    assert_eq!(count(import, "label[for=\"file\"]"), 1);
    assert_eq!(count(import, "input[type=\"file\"]#file"), 1);
    assert_eq!(count(import, "input[type=\"checkbox\"]#keep"), 1);
    assert_eq!(texts(import, "label[for=\"keep\"]"), ["Keep on this device"]);
    // No article of the reader's yet: nothing to forget.
    assert_eq!(count(import, "#forget"), 0);
    let export = one(&doc, "details#export");
    for id in ["copy-md", "download-md", "download-json"] {
        assert_eq!(count(export, &format!("button#{id}[type=\"button\"]")), 1, "{id}");
    }
    // Still: the entity panel is the first <aside>, and only the article's sections are <section>s.
    assert_eq!(first(&doc, "aside").attr("aria-label"), Some("Entities"));
    assert_eq!(count(&doc, "section"), count(&doc, "main section"));
    assert_eq!(count(&doc, "[style]"), 0);
}

/// A long article: the status counts every section, the reading pane draws a first page
/// of it and a sentinel for the rest; a search draws its far-away match whole.
#[tokio::test]
async fn a_long_article_is_drawn_a_page_at_a_time() {
    let mut text = String::from("A long story\n\n");
    for n in 1..=300 {
        text.push_str(&format!("## Part {n}\n\n"));
        for p in 0..4 {
            text.push_str(&format!(
                "Paragraph {p} of part {n}: Anna Lund told Erik Berg in Bergen that the ferries were late.\n\n"
            ));
        }
    }
    text.push_str("## The end\n\nOnly here is the word zanzibarite.\n");
    let seeds: &'static [Seed] = Seed::all_analysed_now(&[("long", "long.txt", Box::leak(text.into_boxed_str()))]);
    let doc = render_with(seeds, "").await;
    assert_eq!(status(&doc), "301 of 301 sections");
    let main = one(&doc, "main");
    assert_eq!(count(main, "p"), OPENING_BLOCKS, "the opening page of paragraphs");
    assert!(count(main, "section") < 30, "only the first sections");
    assert_eq!(count(main, "div.more.after"), 1, "a sentinel below");
    assert_eq!(count(main, "div.more.before"), 0);
    // The outline is windowed: its first rows, each saying where it sits among all 301.
    let rows = all(&doc, "li[aria-setsize=\"301\"]");
    assert_eq!(rows.len(), OUTLINE_ROWS);
    assert_eq!(rows[0].attr("aria-posinset"), Some("1"));
    let outline = one(&doc, "nav.outline.panel.windowed");
    assert_eq!(count(outline, "a[href=\"#section-0\"]"), 1);
    assert_eq!(count(outline, "a[href=\"#section-300\"]"), 0, "the last row is not drawn yet");
    let spacers = all(outline, "li.spacer");
    assert_eq!(spacers.len(), 2, "a spacer on either side");
    assert!(
        spacers[0].attr("hidden").is_some() && spacers[1].attr("hidden").is_none(),
        "only the one after stands for rows: {spacers:?}"
    );

    let doc = render_with(seeds, "?q=zanzibarite").await;
    assert_eq!(status(&doc), "1 of 301 sections");
    let main = one(&doc, "main");
    assert_eq!(attrs(main, "section", "id"), ["section-300"]);
    assert_eq!(count(main, "div.more"), 0, "everything that matches is drawn");
}

/// The seed fits in one page: drawn whole, no sentinel.
#[tokio::test]
async fn the_seed_is_drawn_whole() {
    let doc = render("").await;
    let main = one(&doc, "main");
    let a = seed();
    let paragraphs = a.doc.blocks.iter().filter(|b| b.kind == BlockKind::Paragraph).count();
    assert_eq!(count(main, "p"), paragraphs);
    assert_eq!(count(main, ".more, [class^=\"more\"]"), 0);
}

/// The prerendered page (the hydrating render, taken over in turns): the same markup as the
/// page drawn at once but for the SVG drawings, with each adopted part between one pair of
/// raw markers and no hydration comment inside it.
#[tokio::test]
async fn the_prerendered_page_is_the_page_with_its_parts_marked_for_adoption() {
    let props = yew::props!(AppProps { deferred: true });
    let raw = LocalServerRenderer::<App>::with_props(props).hydratable(true).render().await;
    let html = article_explorer::app::compact_prerendered(&raw);
    assert!(html.len() < raw.len());
    let (opens, closes) = (html.matches("<!--<#>-->").count(), html.matches("<!--</#>-->").count());
    assert_eq!((opens, closes), (5, 5), "one pair per part: frame, outline, reading pane, map, side panels");
    for part in html.split("<!--<#>-->").skip(1) {
        let inside = part.split("<!--</#>-->").next().unwrap();
        assert!(!inside.contains("<!--"), "no comment inside an adopted part");
    }
    let prerendered = doc(&html);
    let drawn = render("").await;
    let shown = |doc: &Html| texts(doc, "h1, h2, p, li, button, label, figcaption, summary");
    assert_eq!(shown(&prerendered), shown(&drawn));
    assert_eq!(count(&prerendered, "svg circle"), 0, "the graph's drawing waits for the last turn");
    assert_eq!(count(&drawn, "main p"), count(&prerendered, "main p"));
}

#[test]
fn compacting_leaves_markup_outside_the_parts_and_balanced_pairs_alone() {
    use article_explorer::app::compact_prerendered as compact;
    let part = "<!--<#>--><!--<#>--><!--</#>--><p><!--<#>-->x<!--</#>--></p><!--<[B]>--><b>y</b><!--</[B]>--><!--<#>--><!--</#>--><!--</#>-->";
    assert_eq!(
        compact(&format!("<div><!--<[A]>-->{part}<!--</[A]>--></div>")),
        "<div><!--<[A]>--><!--<#>--><p>x</p><b>y</b><!--</#>--><!--</[A]>--></div>"
    );
    let plain = "<p><!--<#>-->x<!--</#>--></p>";
    assert_eq!(compact(plain), plain, "raw markup of its own is not a part");
}
