//! The current filtered view as Markdown, for export: title, what the filter
//! chose, then the visible sections' headings and paragraphs. Pure.

use crate::core::filter::{Filter, Outcome};
use crate::core::parse::BlockKind;
use crate::core::Analysis;

/// The characters that make inline Markdown (and GitHub's tables and
/// strikethrough): emphasis, code, links and images, raw HTML and entities.
/// CommonMark reads a backslash before any of them as the character itself.
const INLINE: &[char] = &['\\', '`', '*', '_', '[', ']', '<', '>', '&', '|', '~'];

/// Article text as Markdown that reads the same and does nothing: inline
/// syntax (links, HTML, emphasis) backslash-escaped, inner line breaks folded
/// into spaces, and what would start a block at the beginning of the line
/// (a heading, a quote, a list item) escaped too.
fn escape_line(s: &str) -> String {
    let mut one = String::with_capacity(s.len());
    for (i, word) in s.split_whitespace().enumerate() {
        if i > 0 {
            one.push(' ');
        }
        for c in word.chars() {
            if INLINE.contains(&c) {
                one.push('\\');
            }
            one.push(c);
        }
    }
    let starts_block = one.starts_with(['#', '-', '+', '='])
        || one
            .split_once(['.', ')'])
            .is_some_and(|(n, _)| !n.is_empty() && n.len() <= 9 && n.bytes().all(|b| b.is_ascii_digit()));
    if starts_block {
        format!("\\{one}")
    } else {
        one
    }
}

/// The view `filter` gives of `a` (with `outcome = a.apply(filter)`), as Markdown.
pub fn markdown(a: &Analysis, filter: &Filter, outcome: &Outcome) -> String {
    let mut out = String::new();
    out.push_str(&format!("# {}\n\n", escape_line(a.display_title()).trim_start_matches('\\')));
    let query = filter.query.trim();
    if !query.is_empty() {
        out.push_str(&format!("- Search: {}\n", escape_line(query).trim_start_matches('\\')));
    }
    let chosen: Vec<&str> =
        filter.chosen(&a.entities).into_iter().map(|e| a.entities.entities[e].name.as_str()).collect();
    if !chosen.is_empty() {
        let how = if chosen.len() > 1 {
            if filter.any {
                " (any)"
            } else {
                " (all)"
            }
        } else {
            ""
        };
        out.push_str(&format!("- Entities{how}: {}\n", escape_line(&chosen.join(", "))));
    }
    if !query.is_empty() || !chosen.is_empty() {
        out.push_str(&format!("- Showing {} of {} sections\n\n", outcome.visible, a.doc.sections.len()));
    }
    for (s, section) in a.doc.sections.iter().enumerate() {
        if !outcome.sections.get(s).is_some_and(|o| o.visible) {
            continue;
        }
        for block in &a.doc.blocks[section.blocks.clone()] {
            let text = block.span.of(&a.text);
            match block.kind {
                BlockKind::Heading => out.push_str(&format!("## {}\n\n", escape_line(text).trim_start_matches('\\'))),
                BlockKind::Paragraph => out.push_str(&format!("{}\n\n", escape_line(text))),
                BlockKind::Title => {}
            }
        }
    }
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "Snow in Oslo\n\nMaria Berg said the snow closed Oslo airport.\n\nTravel\n\nTrains ran late across Norway.\n\n# Outlook\n\n- More snow is due.\n";

    fn md(query: &str) -> String {
        let a = Analysis::new(TEXT);
        let f = Filter::from_query(query);
        markdown(&a, &f, &a.apply(&f))
    }

    #[test]
    fn whole_article() {
        let got = md("");
        assert_eq!(
            got,
            "# Snow in Oslo\n\nMaria Berg said the snow closed Oslo airport.\n\n## Travel\n\nTrains ran late across Norway.\n\n## Outlook\n\n\\- More snow is due.\n"
        );
    }

    #[test]
    fn only_visible_sections_and_the_filter_on_top() {
        let got = md("?q=trains");
        assert!(
            got.starts_with("# Snow in Oslo\n\n- Search: trains\n- Showing 1 of 3 sections\n\n## Travel\n"),
            "{got}"
        );
        assert!(!got.contains("Outlook"));
        assert!(!got.contains("Maria Berg"));
        let a = Analysis::new(TEXT);
        let id = a.entities.entities.iter().find(|e| e.name == "Maria Berg").unwrap().id.clone();
        let got = md(&format!("?e={id}"));
        assert!(got.contains("- Entities: Maria Berg\n"), "{got}");
        assert!(!got.contains("## Travel"));
    }

    #[test]
    fn markup_and_links_in_the_text_stay_text() {
        let a = Analysis::new(
            "T <b>bold</b>\n\n<script>alert(1)</script> said 1. nothing\n\n1. First\n\n\
             See [a note](javascript:alert(2)) and ![x](http://x/y.png), <http://x> & *this* `code` | a\n",
        );
        let f = Filter::default();
        let got = markdown(&a, &f, &a.apply(&f));
        assert!(got.starts_with("# T \\<b\\>bold\\</b\\>\n"), "{got}");
        assert!(got.contains("\\<script\\>alert(1)\\</script\\> said 1. nothing"), "{got}");
        assert!(got.contains("\\1. First"));
        assert!(
            got.contains(
                "See \\[a note\\](javascript:alert(2)) and !\\[x\\](http://x/y.png), \\<http://x\\> \\& \\*this\\* \\`code\\` \\| a"
            ),
            "{got}"
        );
        // Nothing left that a Markdown reader would turn into a tag, a link or an image:
        // every such character stands behind a backslash.
        let bare: Vec<(usize, char)> =
            got.char_indices().filter(|&(i, c)| "<>[]`*_&|~".contains(c) && !got[..i].ends_with('\\')).collect();
        assert!(bare.is_empty(), "{bare:?} in {got}");
    }
}
