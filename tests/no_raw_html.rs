//! Article text never reaches a page as HTML: nothing in `src/` (the app, the
//! core, the build's second half) calls an API that parses a string as markup
//! in the browser, and the build's own HTML insertions are the three it needs
//! (the server-rendered app, whose text yew escapes; the offline file's inlined
//! stylesheet and script, which hold no article text). A new call fails here
//! and has to be argued for (`ARGUED` below). (That the rendered app escapes article text is
//! checked in `tests/components.rs` and in the browser suite.)

use std::path::{Path, PathBuf};

/// Browser and yew APIs that turn a string into markup.
const HTML_SINKS: &[&str] = &[
    "inner_html",
    "outer_html",
    "insert_adjacent_html",
    "innerHTML",
    "outerHTML",
    "insertAdjacentHTML",
    "document.write",
    "from_html_unchecked",
    "VRaw",
    "create_contextual_fragment",
    "createContextualFragment",
    "DomParser",
    "parse_from_string",
    // The browser module's own sink (`browser::set_markup`), so that a new caller shows here.
    "set_markup",
];

fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|x| x == "rs" || x == "js" || x == "mjs" || x == "html") {
            out.push(path);
        }
    }
}

fn lines_with(needle: &str) -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    sources(&root.join("src"), &mut files);
    files.push(root.join("index.html"));
    let mut found = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        for (n, line) in text.lines().enumerate() {
            // Comments parse nothing.
            if line.contains(needle) && !line.trim_start().starts_with("//") {
                found.push(format!("{}:{}: {}", file.strip_prefix(root).unwrap().display(), n + 1, line.trim()));
            }
        }
    }
    found
}

/// The two places the app hands the browser markup it wrote itself: a paragraph's text,
/// mentions and hits (`components::inline::render_block`), and the mention map's marks.
/// Every string in them goes through `components::escape_html` (its unit test, the
/// components test's article with markup in its title and body, and the browser suite's
/// pasted `<script>`/`<img onerror>` article check it). Argued for by issue 12: a
/// paragraph or a map is one parse instead of a node per run made from wasm, and
/// hydration adopts it without walking it (at 1,000 sections, keystroke → next frame
/// p95 16.3 → 13.6 ms; BENCHMARKS.md, 2026-12-03). In the browser a paragraph's markup
/// is set whole by `browser::set_markup` (its server-rendered form is yew's raw markup):
/// one call instead of yew removing and inserting its nodes one by one (keystroke → DOM
/// p95 at 1,000 sections 15.6-25.1 → 12.3-16.4 ms; BENCHMARKS.md, 2026-12-05).
/// And a third that holds no text at all: the markers around the parts of a prerendered
/// page that the hydration adopts whole (`explorer::raw`, `&'static str` constants only;
/// issue 12: the hydration's one long task became a task per part).
/// Each is a file and the call on its line; each must be found once.
const ARGUED: &[(&str, &str)] = &[
    ("src/app/components/reading.rs:", "Html::from_html_unchecked("),
    ("src/app/components/reading.rs:", "browser::set_markup("),
    ("src/app/browser/mod.rs:", "pub fn set_markup("),
    ("src/app/browser/mod.rs:", "el.set_inner_html(markup)"),
    ("src/app/components/mention_map.rs:", "Html::from_html_unchecked("),
    ("src/app/explorer.rs:", "Html::from_html_unchecked("),
];

#[test]
fn no_string_is_parsed_as_markup_in_the_browser() {
    let argued = |line: &String| ARGUED.iter().any(|(file, call)| line.starts_with(file) && line.contains(call));
    let mut found: Vec<String> = HTML_SINKS.iter().flat_map(|sink| lines_with(sink)).collect();
    found.sort();
    found.dedup();
    let (allowed, others): (Vec<String>, Vec<String>) = found.into_iter().partition(argued);
    assert!(others.is_empty(), "an HTML sink in the sources:\n{}", others.join("\n"));
    for (file, call) in ARGUED {
        let lines: Vec<&String> = allowed.iter().filter(|l| l.starts_with(file) && l.contains(call)).collect();
        assert_eq!(lines.len(), 1, "`{call}` in {file} once, no more and no less: {lines:?}");
    }
}

#[test]
fn the_build_inserts_html_only_where_it_must() {
    let found = lines_with("ContentType::Html");
    let allowed = |line: &str| {
        line.contains("edits.app") // the app as yew's server renderer wrote it (text escaped)
            || line.contains("<style>") // the offline file's inlined stylesheet
            || line.contains("<script type=\\\"module\\\">") // the offline file's inlined boot script
    };
    let others: Vec<&String> = found.iter().filter(|l| !allowed(l)).collect();
    assert!(others.is_empty(), "HTML inserted by the build beyond the three it needs:\n{others:#?}");
    assert!(!found.is_empty(), "the build inserts the prerendered app somewhere: this test must follow it");
}
