//! Byte spans into the original text: the one way every part of the core
//! points at text. A span never owns or copies what it points at.

use serde::Serialize;

/// A half-open byte range `start..end` into the original text, always on
/// `char` boundaries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub const fn new(start: usize, end: usize) -> Span {
        Span { start, end }
    }

    pub const fn len(&self) -> usize {
        self.end - self.start
    }

    pub const fn is_empty(&self) -> bool {
        self.start >= self.end
    }

    /// The text under this span.
    ///
    /// ```
    /// # use article_explorer::core::span::Span;
    /// assert_eq!(Span::new(6, 11).of("Hello world"), "world");
    /// ```
    pub fn of<'t>(&self, text: &'t str) -> &'t str {
        &text[self.start..self.end]
    }

    /// Whether `other` lies wholly inside this span.
    pub const fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// Whether the two spans share at least one byte.
    pub const fn overlaps(&self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// This span without leading and trailing white space.
    pub fn trim(self, text: &str) -> Span {
        let s = self.of(text);
        let lead = s.len() - s.trim_start().len();
        let body = s.trim();
        Span::new(self.start + lead, self.start + lead + body.len())
    }
}
