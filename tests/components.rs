//! What a reader sees, rendered natively with yew's server renderer: the
//! page for a URL query, checked against `docs/DOM.md`. The entity model may
//! change, so entity checks are structural (whatever the core finds), except
//! for the seed's seven sections.
#![cfg(all(feature = "app", not(target_arch = "wasm32")))]

use article_explorer::app::{App, AppProps};
use article_explorer::core::entities::EntityKind;
use article_explorer::core::filter::Filter;
use article_explorer::core::parse::BlockKind;
use article_explorer::core::Analysis;
use article_explorer::seeds::{Seed, SEEDS};
use yew::LocalServerRenderer;

async fn render_with(seeds: &'static [Seed], query: &str) -> String {
    let query: yew::AttrValue = query.to_string().into();
    let props = yew::props!(AppProps { query, seeds });
    LocalServerRenderer::<App>::with_props(props).hydratable(false).render().await
}

async fn render(query: &str) -> String {
    render_with(SEEDS, query).await
}

fn seed() -> Analysis {
    Analysis::new(SEEDS[0].text)
}

/// The element starting at the first `<tag` with `attr`, up to its matching close (no nesting of the same tag assumed).
fn element<'a>(html: &'a str, open: &str, close: &str) -> &'a str {
    let start = html.find(open).unwrap_or_else(|| panic!("no {open} in {html}"));
    let end = html[start..].find(close).unwrap_or_else(|| panic!("no {close} after {open}")) + start + close.len();
    &html[start..end]
}

/// The start tags `<name …>` in `html`.
fn tags<'a>(html: &'a str, name: &str) -> Vec<&'a str> {
    let open = format!("<{name}");
    html.match_indices(&open)
        .map(|(i, _)| &html[i..i + html[i..].find('>').unwrap() + 1])
        .filter(|t| t[open.len()..].starts_with([' ', '>', '/']))
        .collect()
}

/// The value of attribute `name` in a start tag.
fn attr<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let key = format!(" {name}=\"");
    tag.find(&key).map(|i| {
        let rest = &tag[i + key.len()..];
        &rest[..rest.find('"').unwrap()]
    })
}

/// Whether a start tag has every `(attribute, value)`; `class` matches one class among several.
fn has(tag: &str, attrs: &[(&str, &str)]) -> bool {
    attrs.iter().all(|(k, v)| match attr(tag, k) {
        Some(got) if *k == "class" => v.split(' ').all(|c| got.split(' ').any(|g| g == c)),
        Some(got) => got == *v,
        None => false,
    })
}

/// How many `<name>` start tags have all of `attrs`.
fn count_tags(html: &str, name: &str, attrs: &[(&str, &str)]) -> usize {
    tags(html, name).into_iter().filter(|t| has(t, attrs)).count()
}

/// The element from the first `<name>` start tag with `attrs` to the first `</name>` after it.
fn find_element<'a>(html: &'a str, name: &str, attrs: &[(&str, &str)]) -> &'a str {
    let tag =
        tags(html, name).into_iter().find(|t| has(t, attrs)).unwrap_or_else(|| panic!("no <{name}> with {attrs:?}"));
    let start = tag.as_ptr() as usize - html.as_ptr() as usize;
    let close = format!("</{name}>");
    let end = start + html[start..].find(&close).unwrap() + close.len();
    &html[start..end]
}

fn main_of(html: &str) -> &str {
    element(html, "<main", "</main>")
}

fn aside_of(html: &str) -> &str {
    element(html, "<aside", "</aside>")
}

fn nav_of(html: &str) -> &str {
    element(html, "<nav", "</nav>")
}

fn count(html: &str, needle: &str) -> usize {
    html.matches(needle).count()
}

/// The text between tags, without the kind labels, entities decoded.
fn text(html: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    while let Some(i) = rest.find('<') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        if rest.starts_with("<span class=\"kind-label\">") {
            let end = rest.find("</span>").unwrap();
            rest = &rest[end + "</span>".len()..];
        } else {
            rest = &rest[rest.find('>').unwrap() + 1..];
        }
    }
    out.push_str(rest);
    out.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'").replace("&amp;", "&")
}

/// The status line, e.g. "3 of 7 sections".
fn status(html: &str) -> String {
    text(find_element(html, "p", &[("id", "status")]))
}

/// The texts of all `<mark>`s.
fn marks(html: &str) -> Vec<String> {
    html.split("<mark>").skip(1).map(|m| text(&m[..m.find("</mark>").unwrap()])).collect()
}

#[tokio::test]
async fn shows_every_section_with_headings() {
    let html = render("").await;
    let main = main_of(&html);
    let a = seed();
    assert_eq!(a.doc.sections.len(), 7);
    assert_eq!(count(main, "<section"), 7);
    for s in 0..7 {
        assert_eq!(
            count_tags(main, "section", &[("id", &format!("section-{s}")), ("tabindex", "-1")]),
            1,
            "section-{s}"
        );
    }
    // The lede has no heading and is labelled; the other six have <h2>s.
    assert_eq!(count_tags(main, "section", &[("id", "section-0"), ("aria-label", "Introduction")]), 1);
    assert!(!find_element(main, "section", &[("id", "section-0")]).contains("<h2"));
    assert_eq!(count(main, "<h2"), 6);
    assert_eq!(count(main, "<p>"), a.doc.blocks.iter().filter(|b| b.kind == BlockKind::Paragraph).count());
    assert!(!main.contains("<mark>"));
    assert!(!main.contains("id=\"empty\""));
    assert_eq!(status(&html), "7 of 7 sections");
    assert_eq!(count_tags(&html, "p", &[("id", "status"), ("role", "status"), ("aria-live", "polite")]), 1);
    assert!(html.contains(&format!("<h1 id=\"title\">{}</h1>", a.title().replace('\'', "&#39;"))));
}

#[tokio::test]
async fn figures_line() {
    let html = render("").await;
    let a = seed();
    let words = a.doc.word_count();
    let figures = text(find_element(&html, "p", &[("class", "figures")]));
    let entities = a.entities.entities.len();
    let expected = format!(
        "7 sections · {words} words · {} min read · {entities} {}",
        words.div_ceil(230),
        if entities == 1 { "entity" } else { "entities" }
    );
    assert_eq!(figures, expected);
}

#[tokio::test]
async fn no_text_is_lost_or_duplicated() {
    for query in ["", "?q=pakistan", "?q=%22cross-border+threats%22+security", "?q=a", "?q=asif&e=place-pakistan&any=1"]
    {
        let html = render(query).await;
        let main = main_of(&html);
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
        assert_eq!(text(main), expected, "query {query}");
    }
}

#[tokio::test]
async fn search_marks_hits_and_narrows() {
    let html = render("?q=asif").await;
    let a = seed();
    let outcome = a.apply(&Filter { query: "asif".into(), ..Filter::default() });
    let main = main_of(&html);
    assert!(outcome.visible > 0 && outcome.visible < 7);
    assert_eq!(count(main, "<section"), outcome.visible);
    assert_eq!(status(&html), format!("{} of 7 sections", outcome.visible));
    let marks = marks(main);
    assert_eq!(marks.len(), outcome.sections.iter().map(|s| s.hits.len()).sum::<usize>());
    assert!(marks.iter().all(|m| m.eq_ignore_ascii_case("asif")), "{marks:?}");
    // The search box shows the query.
    assert_eq!(count_tags(&html, "input", &[("type", "search"), ("id", "search"), ("value", "asif")]), 1);
    assert!(html.contains("<label for=\"search\">Search</label>"));
}

#[tokio::test]
async fn search_folds_case_accents_and_quotes() {
    let plain = render("?q=cross-border").await;
    let fancy = render("?q=CR%C3%93SS-BORDER").await;
    assert_eq!(status(&plain), status(&fancy));
    assert_eq!(marks(main_of(&plain)).len(), marks(main_of(&fancy)).len());
}

#[tokio::test]
async fn nothing_matches_shows_the_empty_state() {
    let html = render("?q=zzqxj").await;
    let main = main_of(&html);
    assert_eq!(count(main, "<section"), 0);
    assert_eq!(status(&html), "0 of 7 sections");
    let empty = find_element(main, "div", &[("id", "empty"), ("role", "note")]);
    assert!(text(empty).starts_with("No section matches \u{201c}zzqxj\u{201d}"));
    assert_eq!(text(find_element(empty, "button", &[("id", "reset")])), "Clear all filters");
    // Every outline link is marked hidden.
    let nav = nav_of(&html);
    assert_eq!(count_tags(nav, "a", &[("aria-disabled", "true"), ("class", "hidden-section")]), 7);
}

#[tokio::test]
async fn unknown_entity_in_a_link_keeps_nothing() {
    let html = render("?e=person-nobody-at-all").await;
    assert_eq!(count(main_of(&html), "<section"), 0);
    assert!(html.contains("id=\"empty\""));
}

#[tokio::test]
async fn outline_links_every_section_with_counts_when_narrowed() {
    let html = render("").await;
    let nav = nav_of(&html);
    assert!(has(tags(nav, "nav")[0], &[("aria-label", "Sections")]));
    for s in 0..7 {
        assert_eq!(count_tags(nav, "a", &[("href", &format!("#section-{s}"))]), 1);
    }
    assert!(text(nav).contains("Introduction"));
    assert_eq!(count(nav, "class=\"count\""), 0);
    assert_eq!(count(nav, "aria-disabled"), 0);

    let html = render("?q=pakistan").await;
    let nav = nav_of(&html);
    let a = seed();
    let outcome = a.apply(&Filter { query: "pakistan".into(), ..Filter::default() });
    assert_eq!(count(nav, "class=\"count\""), 7);
    assert_eq!(count(nav, "aria-disabled=\"true\""), 7 - outcome.visible);
    let first_visible = outcome.sections.iter().position(|s| s.visible).unwrap();
    let matches = outcome.sections[first_visible].matches;
    let link = find_element(nav, "a", &[("href", &format!("#section-{first_visible}"))]);
    let count_span = find_element(link, "span", &[("class", "count")]);
    assert_eq!(text(count_span), matches.to_string());
    assert!(attr(tags(count_span, "span")[0], "title").unwrap().starts_with(&format!("{matches} match")));
}

#[tokio::test]
async fn entity_panel_lists_kinds_and_buttons() {
    let html = render("").await;
    let aside = aside_of(&html);
    let a = seed();
    assert!(has(tags(aside, "aside")[0], &[("aria-label", "Entities")]));
    let mode = find_element(aside, "button", &[("id", "match-mode"), ("aria-pressed", "false")]);
    assert_eq!(text(mode), "Match any chosen entity");
    assert_eq!(count_tags(aside, "button", &[("class", "entity")]), a.entities.entities.len());
    assert_eq!(
        count_tags(aside, "button", &[("aria-pressed", "true")]),
        count_tags(aside, "button", &[("class", "kind-toggle")])
    );
    for kind in EntityKind::ALL {
        let has = a.entities.entities.iter().any(|e| e.kind == kind);
        let groups = count_tags(aside, "div", &[("class", "kind-group"), ("data-kind", kind.as_str())]);
        assert_eq!(groups, has as usize, "{kind:?}");
        if has {
            let group = find_element(aside, "div", &[("class", "kind-group"), ("data-kind", kind.as_str())]);
            assert!(group.contains(&format!("<h2>{}</h2>", kind.plural_label())));
            let toggle = find_element(
                aside,
                "button",
                &[("class", "kind-toggle"), ("data-kind", kind.as_str()), ("aria-pressed", "true")],
            );
            assert_eq!(text(toggle), format!("Show {}", kind.plural_label().to_lowercase()));
        }
    }
    // Salience order within each kind, names and counts in the button text.
    for kind in EntityKind::ALL {
        let ids: Vec<&str> = a.entities.entities.iter().filter(|e| e.kind == kind).map(|e| e.id.as_str()).collect();
        let positions: Vec<usize> =
            ids.iter().map(|id| aside.find(&format!("data-entity=\"{id}\"")).unwrap()).collect();
        assert!(positions.windows(2).all(|w| w[0] < w[1]), "{kind:?} out of order");
    }
    for e in &a.entities.entities {
        let button =
            find_element(aside, "button", &[("class", "entity"), ("data-entity", &e.id), ("aria-pressed", "false")]);
        assert_eq!(text(button), format!("{} {}", e.name, e.mentions.len()));
        assert_eq!(count_tags(button, "span", &[("class", "count")]), 1);
    }
}

#[tokio::test]
async fn the_seed_names_its_people_and_places() {
    let a = seed();
    let names: Vec<&str> = a.entities.entities.iter().map(|e| e.name.as_str()).collect();
    for name in ["Khawaja Asif", "Pakistan", "Kabul", "Islamabad"] {
        assert!(names.contains(&name), "{name} missing from {names:?}");
    }
    let html = render("").await;
    assert!(aside_of(&html).contains(">Khawaja Asif</span>"));
    let mention = find_element(
        main_of(&html),
        "span",
        &[("class", "mention kind-person"), ("data-entity", "person-khawaja-asif")],
    );
    assert!(mention.ends_with("><span class=\"name\">Khawaja Asif</span>"), "{mention}");
    assert!(main_of(&html).contains(&format!("{mention}<span class=\"kind-label\">person</span>")));
}

#[tokio::test]
async fn choosing_an_entity_filters_and_highlights() {
    let a = seed();
    let e = &a.entities.entities[0];
    let html = render(&format!("?e={}", e.id)).await;
    let main = main_of(&html);
    assert_eq!(count(main, "<section"), e.sections.len());
    assert_eq!(status(&html), format!("{} of 7 sections", e.sections.len()));
    assert_eq!(count_tags(aside_of(&html), "button", &[("data-entity", &e.id), ("aria-pressed", "true")]), 1);
    let kind = format!("mention kind-{} chosen", e.kind.as_str());
    // Every mention in the sections (the title is shown in the header, plain).
    let in_sections =
        e.mentions.iter().filter(|&&m| a.doc.blocks[a.entities.mentions[m].block].section.is_some()).count();
    assert!(in_sections > 0);
    assert_eq!(count_tags(main, "span", &[("class", &kind), ("data-entity", &e.id)]), in_sections);
    assert_eq!(count_tags(main, "span", &[("class", "chosen")]), in_sections);
}

#[tokio::test]
async fn several_entities_combine_with_all_or_any() {
    let a = seed();
    let (e1, e2) = (&a.entities.entities[0], &a.entities.entities[1]);
    let both = e1.sections.iter().filter(|s| e2.sections.contains(s)).count();
    let either = (0..7).filter(|s| e1.sections.contains(s) || e2.sections.contains(s)).count();
    let all = render(&format!("?e={},{}", e1.id, e2.id)).await;
    assert_eq!(count(main_of(&all), "<section"), both);
    let any = render(&format!("?e={},{}&any=1", e1.id, e2.id)).await;
    assert_eq!(count(main_of(&any), "<section"), either);
    assert_eq!(count_tags(&any, "button", &[("id", "match-mode"), ("aria-pressed", "true")]), 1);
}

#[tokio::test]
async fn hidden_kinds_are_neither_listed_nor_highlighted() {
    let html = render("?hide=place").await;
    let (main, aside) = (main_of(&html), aside_of(&html));
    assert!(!main.contains("kind-place"));
    assert_eq!(count_tags(aside, "button", &[("class", "entity kind-place")]), 0);
    assert_eq!(
        count_tags(aside, "button", &[("class", "kind-toggle"), ("data-kind", "place"), ("aria-pressed", "false")]),
        1
    );
    assert_eq!(count(main, "<section"), 7);
    // Other kinds still are.
    assert!(main.contains("kind-person"));
}

#[tokio::test]
async fn hits_inside_mentions_nest_validly() {
    // "Asif’s": the possessive follows the name inside the mention, before its label.
    let html = render("").await;
    assert!(main_of(&html).contains("<span class=\"name\">Asif</span>’s<span class=\"kind-label\">person</span>"));
    // "Asif" is both a hit and (part of) a person mention.
    let html = render("?q=asif").await;
    let main = main_of(&html);
    assert!(main.contains("<mark>Asif</mark></span><span class=\"kind-label\">person</span>"), "{main}");
    // Marks never contain the start of a mention, and mentions close after their marks.
    for m in main.split("<mark>").skip(1) {
        let inner = &m[..m.find("</mark>").unwrap()];
        assert!(!inner.contains('<'), "{inner}");
    }
}

#[tokio::test]
async fn article_switcher_only_with_two_seeds() {
    let html = render("").await;
    assert!(!html.contains("<select"));

    static TWO: &[Seed] = &[
        Seed {
            slug: "oslo",
            file_name: "oslo.txt",
            text: "Snow in Oslo\nMaria Berg said the snow closed Oslo airport.\n",
        },
        Seed {
            slug: "lima",
            file_name: "lima.txt",
            text: "Heat <b>in</b> Lima\nJuan Perez said Lima & Cusco were hot.\n",
        },
    ];
    let html = render_with(TWO, "?a=lima").await;
    assert!(html.contains("<label for=\"article\">Article</label>"));
    let select = find_element(&html, "select", &[("id", "article")]);
    assert_eq!(count(select, "<option"), 2);
    assert!(tags(select, "option").iter().any(|t| has(t, &[("value", "lima")]) && t.contains(" selected")), "{select}");
    // Text is escaped, never markup.
    assert!(html.contains("Heat &lt;b&gt;in&lt;/b&gt; Lima"));
    assert!(!html.contains("<b>"));
    assert_eq!(status(&html), "1 of 1 section");
}

#[tokio::test]
async fn only_sections_are_sections() {
    let html = render("?q=pakistan").await;
    let outside = html.replace(main_of(&html), "");
    assert_eq!(count(&outside, "<section"), 0);
    assert_eq!(count(&html, "<main"), 1);
    assert!(!html.contains("style="));
    assert!(!html.contains("<script"));
}

// ---------------------------------------------------------------- reader features

/// The element from the first `<aside>` with `aria-label=label` to its `</aside>`.
fn aside_labelled<'a>(html: &'a str, label: &str) -> &'a str {
    find_element(html, "aside", &[("aria-label", label)])
}

#[tokio::test]
async fn quotes_panel_lists_the_seed_quotes_with_their_speaker() {
    let html = render("").await;
    let quotes = aside_labelled(&html, "Quotes");
    let a = seed();
    assert_eq!(count_tags(quotes, "li", &[("class", "quote")]), a.quotes.len());
    let t = text(quotes);
    for q in ["misleading and malicious", "continue its decisive measures against terrorism and cross-border threats"] {
        assert!(t.contains(q), "{q} missing from {t}");
        let quote = a.quotes.iter().find(|x| a.slice(x.span).contains(q)).expect(q);
        assert_eq!(quote.speaker.map(|s| a.entities.entities[s].id.as_str()), Some("person-khawaja-asif"), "{q}");
    }
    assert!(
        count_tags(
            quotes,
            "button",
            &[("class", "speaker"), ("data-entity", "person-khawaja-asif"), ("aria-pressed", "false")]
        ) >= 2
    );
    // Every quote links to its section; nothing in the panel is a <section>.
    assert!(count_tags(quotes, "a", &[("class", "goto")]) >= 2);
    assert_eq!(count(quotes, "<section"), 0);
    // Choosing the speaker keeps only their quotes, and presses their buttons.
    let html = render("?e=person-khawaja-asif").await;
    let quotes = aside_labelled(&html, "Quotes");
    let theirs = a
        .quotes
        .iter()
        .filter(|q| q.speaker.is_some_and(|s| a.entities.entities[s].id == "person-khawaja-asif"))
        .count();
    assert_eq!(count_tags(quotes, "li", &[("class", "quote")]), theirs);
    assert_eq!(count_tags(quotes, "button", &[("class", "speaker"), ("aria-pressed", "true")]), theirs);
    assert!(!text(quotes).contains("Unattributed"));
}

#[tokio::test]
async fn mention_map_marks_chosen_entities_with_names() {
    let html = render("?e=person-khawaja-asif").await;
    let map = find_element(&html, "nav", &[("id", "mention-map"), ("aria-label", "Mention map")]);
    let marks = tags(map, "a");
    assert!(!marks.is_empty());
    // One tab stop for the whole map.
    assert_eq!(marks.iter().filter(|t| has(t, &[("tabindex", "0")])).count(), 1);
    for m in &marks {
        assert!(has(m, &[("class", "mark kind-person"), ("data-entity", "person-khawaja-asif")]), "{m}");
        assert!(attr(m, "aria-label").unwrap().starts_with("Khawaja Asif, section "), "{m}");
        assert!(attr(m, "href").unwrap().starts_with("#section-"));
    }
    // Positions are SVG attributes, never style.
    assert!(!map.contains("style="));
    assert!(map.contains(" y=\""));
}

#[tokio::test]
async fn graph_nodes_are_toggle_buttons_with_a_text_alternative() {
    let html = render("?e=person-khawaja-asif").await;
    let graph = aside_labelled(&html, "Entity graph");
    let nodes = tags(graph, "g");
    let a = seed();
    assert_eq!(nodes.len(), a.entities.entities.len().min(12));
    assert!(nodes.iter().all(|n| has(n, &[("role", "button"), ("tabindex", "0")]) && attr(n, "aria-label").is_some()));
    assert_eq!(nodes.iter().filter(|n| has(n, &[("aria-pressed", "true")])).count(), 1);
    assert!(nodes.iter().any(|n| has(n, &[("data-entity", "person-khawaja-asif"), ("aria-pressed", "true")])));
    let details = element(graph, "<details", "</details>");
    let t = text(details);
    assert!(t.contains("Khawaja Asif \u{2014} Pakistan: ") || t.contains("Pakistan \u{2014} Khawaja Asif: "), "{t}");
    assert!(t.contains("shared sentence"));
}

#[tokio::test]
async fn import_and_export_controls_are_labelled() {
    let html = render("").await;
    let import = find_element(&html, "details", &[("id", "import")]);
    assert!(import.contains("<label for=\"paste\">"));
    assert_eq!(count_tags(import, "textarea", &[("id", "paste")]), 1);
    assert!(import.contains("<label for=\"file\">"));
    assert_eq!(count_tags(import, "input", &[("type", "file"), ("id", "file")]), 1);
    assert_eq!(count_tags(import, "input", &[("type", "checkbox"), ("id", "keep")]), 1);
    assert!(import.contains("<label for=\"keep\">Keep on this device</label>"));
    // No article of the reader's yet: nothing to forget.
    assert!(!import.contains("id=\"forget\""));
    let export = find_element(&html, "details", &[("id", "export")]);
    for id in ["copy-md", "download-md", "download-json"] {
        assert_eq!(count_tags(export, "button", &[("id", id), ("type", "button")]), 1, "{id}");
    }
    // Still: the entity panel is the first <aside>, and only the article's sections are <section>s.
    assert!(has(tags(aside_of(&html), "aside")[0], &[("aria-label", "Entities")]));
    let outside = html.replace(main_of(&html), "");
    assert_eq!(count(&outside, "<section"), 0);
    assert!(!html.contains("style="));
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
    let seeds: &'static [Seed] =
        Box::leak(Box::new([Seed { slug: "long", file_name: "long.txt", text: Box::leak(text.into_boxed_str()) }]));
    let html = render_with(seeds, "").await;
    assert_eq!(status(&html), "301 of 301 sections");
    let main = main_of(&html);
    let paragraphs = tags(main, "p").len();
    assert_eq!(paragraphs, article_explorer::app::window::OPENING_BLOCKS, "the opening page of paragraphs");
    assert!(count_tags(main, "section", &[]) < 30, "only the first sections");
    assert_eq!(count_tags(main, "div", &[("class", "more after")]), 1, "a sentinel below");
    assert_eq!(count_tags(main, "div", &[("class", "more before")]), 0);
    // The outline is windowed: its first rows, each saying where it sits among all 301.
    let rows = tags(&html, "li").into_iter().filter(|t| attr(t, "aria-setsize") == Some("301")).collect::<Vec<_>>();
    assert_eq!(rows.len(), article_explorer::app::components::outline::ROWS);
    assert_eq!(attr(rows[0], "aria-posinset"), Some("1"));
    let outline = find_element(&html, "nav", &[("class", "outline panel windowed")]);
    assert_eq!(count_tags(outline, "a", &[("href", "#section-0")]), 1);
    assert_eq!(count_tags(outline, "a", &[("href", "#section-300")]), 0, "the last row is not drawn yet");
    let spacers = tags(outline, "li").into_iter().filter(|t| attr(t, "class") == Some("spacer")).collect::<Vec<_>>();
    assert_eq!(spacers.len(), 2, "a spacer on either side");
    assert!(
        spacers[0].contains(" hidden") && !spacers[1].contains(" hidden"),
        "only the one after stands for rows: {spacers:?}"
    );

    let html = render_with(seeds, "?q=zanzibarite").await;
    assert_eq!(status(&html), "1 of 301 sections");
    let main = main_of(&html);
    assert_eq!(tags(main, "section").iter().map(|t| attr(t, "id").unwrap()).collect::<Vec<_>>(), ["section-300"]);
    assert_eq!(count_tags(main, "div", &[("class", "more")]), 0, "everything that matches is drawn");
}

/// The seed fits in one page: drawn whole, no sentinel.
#[tokio::test]
async fn the_seed_is_drawn_whole() {
    let html = render("").await;
    let main = main_of(&html);
    let a = seed();
    let paragraphs = a.doc.blocks.iter().filter(|b| b.kind == BlockKind::Paragraph).count();
    assert_eq!(tags(main, "p").len(), paragraphs);
    assert!(!main.contains("class=\"more"));
}
