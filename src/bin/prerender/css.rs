//! The app stylesheet, compiled: `assets/style.css` is written with native CSS
//! nesting, every rule inside one `.ae-app { … }` block, so it is scoped by
//! construction. lightningcss flattens the nesting and lowers `light-dark()` for
//! the browsers below, minifies, and every `rem` in a declaration becomes the
//! app's own (`var(--ae-rem)`), so a host page's root font size cannot resize an
//! embedded explorer.

use lightningcss::properties::custom::{CustomPropertyName, TokenList, TokenOrValue, UnparsedProperty};
use lightningcss::properties::Property;
use lightningcss::rules::CssRule;
use lightningcss::stylesheet::{MinifyOptions, ParserFlags, ParserOptions, PrinterOptions, StyleSheet};
use lightningcss::targets::{Browsers, Targets};
use lightningcss::traits::ToCss;
use lightningcss::values::length::LengthValue;
use lightningcss::visit_types;
use lightningcss::visitor::{Visit, VisitTypes, Visitor};
use std::convert::Infallible;

/// The class every app rule is under.
pub const ROOT: &str = ".ae-app";
/// The one other way in: an embedded instance's root (sets `--ae-rem`).
pub const EMBEDDED_ROOT: &str = "[data-article-explorer]>.ae-app";

/// What the app supports: the first versions with container queries.
fn targets() -> Targets {
    let v = |major: u32| Some(major << 16);
    Targets::from(Browsers {
        chrome: v(105),
        edge: v(105),
        firefox: v(110),
        safari: v(16),
        ios_saf: v(16),
        ..Browsers::default()
    })
}

/// `assets/style.css` as shipped: flat, minified, rem made the app's.
pub fn compile(source: &str) -> Result<String, String> {
    let options =
        ParserOptions { filename: "assets/style.css".into(), flags: ParserFlags::NESTING, ..ParserOptions::default() };
    let mut sheet = StyleSheet::parse(source, options).map_err(|e| e.to_string())?;
    sheet.visit(&mut AppRem).unwrap_or_else(|e: Infallible| match e {});
    sheet.minify(MinifyOptions { targets: targets(), ..MinifyOptions::default() }).map_err(|e| e.to_string())?;
    let printed = sheet.to_css(PrinterOptions { minify: true, targets: targets(), ..PrinterOptions::default() });
    Ok(printed.map_err(|e| e.to_string())?.code)
}

/// Every selector in compiled `css` that is not under the root: should be none.
pub fn unscoped(css: &str) -> Result<Vec<String>, String> {
    struct Check(Vec<String>);
    impl<'i> Visitor<'i> for Check {
        type Error = Infallible;
        fn visit_types(&self) -> VisitTypes {
            visit_types!(RULES)
        }
        fn visit_rule(&mut self, rule: &mut CssRule<'i>) -> Result<(), Infallible> {
            if let CssRule::Style(style) = rule {
                for selector in &style.selectors.0 {
                    let text = selector.to_css_string(PrinterOptions { minify: true, ..PrinterOptions::default() });
                    let text = text.unwrap_or_else(|e| e.to_string());
                    if !text.starts_with(ROOT) && !text.starts_with(EMBEDDED_ROOT) {
                        self.0.push(text);
                    }
                }
            }
            rule.visit_children(self)
        }
    }
    let mut sheet = StyleSheet::parse(css, ParserOptions::default()).map_err(|e| e.to_string())?;
    let mut check = Check(Vec::new());
    sheet.visit(&mut check).unwrap_or_else(|e| match e {});
    Ok(check.0)
}

/// `1rem` → `var(--ae-rem)`, `0.9rem` → `calc(.9 * var(--ae-rem))`, in every declaration
/// but custom properties' (`--ae-rem: 1rem` itself). A typed value that holds a rem is
/// re-read as tokens first (a `var()` makes it untyped for the browser too).
struct AppRem;

impl<'i> Visitor<'i> for AppRem {
    type Error = Infallible;
    fn visit_types(&self) -> VisitTypes {
        visit_types!(PROPERTIES)
    }
    fn visit_property(&mut self, property: &mut Property<'i>) -> Result<(), Infallible> {
        match property {
            Property::Custom(custom) if matches!(custom.name, CustomPropertyName::Custom(_)) => {}
            Property::Custom(custom) => {
                replace_rem(&mut custom.value);
            }
            Property::Unparsed(unparsed) => {
                replace_rem(&mut unparsed.value);
            }
            typed => {
                let Ok(text) = typed.value_to_css_string(PrinterOptions::default()) else { return Ok(()) };
                if !text.contains("rem") {
                    return Ok(());
                }
                if let Some(mut value) = tokens(text) {
                    if replace_rem(&mut value) {
                        *typed = Property::Unparsed(UnparsedProperty { property_id: typed.property_id(), value });
                    }
                }
            }
        }
        Ok(())
    }
}

/// CSS text as a token list. The text lives as long as the build step (it is a one-shot program).
fn tokens<'i>(text: String) -> Option<TokenList<'i>> {
    let text: &'static str = Box::leak(text.into_boxed_str());
    let mut input = cssparser::ParserInput::new(text);
    let mut parser = cssparser::Parser::new(&mut input);
    let id = lightningcss::properties::PropertyId::from("color");
    UnparsedProperty::parse(id, &mut parser, &ParserOptions::default()).ok().map(|p| p.value)
}

/// Replaces every rem length in `list` (and in the functions and fallbacks in it); true if any.
fn replace_rem(list: &mut TokenList) -> bool {
    let mut any = false;
    for token in &mut list.0 {
        match token {
            TokenOrValue::Length(LengthValue::Rem(x)) => {
                let text = if *x == 1.0 { "var(--ae-rem)".to_string() } else { format!("calc({x} * var(--ae-rem))") };
                *token = tokens(text).and_then(|mut t| t.0.pop()).expect("a rem replacement parses");
                any = true;
            }
            TokenOrValue::Function(f) => any |= replace_rem(&mut f.arguments),
            TokenOrValue::Var(v) => {
                if let Some(fallback) = &mut v.fallback {
                    any |= replace_rem(fallback);
                }
            }
            _ => {}
        }
    }
    any
}

#[cfg(test)]
mod tests {
    use super::*;

    fn compile_ok(css: &str) -> String {
        compile(css).expect("compiles")
    }

    /// The rem units left in compiled CSS, but for the definition of the app's rem.
    fn rem_left(css: &str) -> usize {
        css.replace("--ae-rem:1rem", "").replace("--ae-rem", "").matches("rem").count()
    }

    #[test]
    fn nesting_is_flattened_under_the_root() {
        let out = compile_ok(".ae-app { color: red; .reading { p { margin: 0 } } mark { color: blue } }");
        assert_eq!(out, ".ae-app{color:red}.ae-app .reading p{margin:0}.ae-app mark{color:#00f}");
        assert_eq!(unscoped(&out).unwrap(), Vec::<String>::new());
    }

    #[test]
    fn rem_becomes_the_apps_own_but_not_in_custom_properties() {
        let out = compile_ok(
            ".ae-app { --ae-rem: 1rem; padding: 0 1rem 3rem; font: 0.9rem/1.5 var(--f); width: calc(var(--rows, 0) * 2rem); \
             font-size: clamp(1.4rem, 1.1rem + 1.6vw, 2.1rem); margin: 0; }",
        );
        assert!(out.contains("--ae-rem:1rem"), "{out}");
        assert!(out.contains("padding:0 var(--ae-rem) calc(3*var(--ae-rem))"), "{out}");
        assert!(out.contains("font:calc(.9*var(--ae-rem))/1.5 var(--f)"), "{out}");
        assert!(out.contains("width:calc(var(--rows,0)*calc(2*var(--ae-rem)))"), "{out}");
        assert!(out.contains("clamp(calc(1.4*var(--ae-rem))"), "{out}");
        assert_eq!(rem_left(&out), 0, "{out}");
    }

    #[test]
    fn a_forced_theme_wins_over_the_system_one() {
        let out = compile_ok(
            ".ae-app { color-scheme: light dark; --bg: light-dark(#fff, #000); &.ae-theme-dark { color-scheme: dark } }",
        );
        // Lowered for the targets: the system's scheme in a media query, the forced one on the class.
        assert!(out.contains("@media (prefers-color-scheme:dark){.ae-app{"), "{out}");
        assert!(out.contains(".ae-app.ae-theme-dark{--lightningcss-light: ;--lightningcss-dark:initial"), "{out}");
        assert!(out.contains("--bg:var(--lightningcss-light,#fff)var(--lightningcss-dark,#000)"), "{out}");
    }

    #[test]
    fn a_container_query_keeps_its_em_and_its_compact_exception() {
        let out =
            compile_ok(".ae-app { @container ae (min-width: 60em) { &:not(.ae-compact) { .layout { gap: 1rem } } } }");
        assert_eq!(out, "@container ae (width>=60em){.ae-app:not(.ae-compact) .layout{gap:var(--ae-rem)}}");
    }

    #[test]
    fn a_rule_outside_the_root_is_reported() {
        let out = compile_ok(
            ".ae-app { color: red } body { margin: 0 } [data-article-explorer] > .ae-app { --ae-rem: 16px }",
        );
        assert_eq!(unscoped(&out).unwrap(), vec!["body".to_string()]);
    }

    /// The real stylesheet: scoped, one breakpoint, no rem left.
    #[test]
    fn the_app_stylesheet() {
        let source = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/assets/style.css")).unwrap();
        let out = compile_ok(&source);
        assert_eq!(unscoped(&out).unwrap(), Vec::<String>::new());
        assert_eq!(source.matches("@container").count(), 1, "one breakpoint in the source");
        assert_eq!(source.matches("@media (min-width").count() + source.matches("@media (max-width").count(), 0);
        assert_eq!(rem_left(&out), 0, "a rem left");
        assert!(out.contains("@container ae (width>=60em){.ae-app:not(.ae-compact) .masthead{"), "the wide layout");
    }
}
