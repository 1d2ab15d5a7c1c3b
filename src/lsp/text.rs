//! Positions: the protocol counts lines and columns (UTF-16 code units by default, UTF-8 bytes
//! when negotiated); the library counts bytes. Conversions both ways, and incremental edits.
//!
//! Lines end at `\n` (a `\r` before it is part of no column a client can point at). A column past
//! the end of its line means the end of the line (LSP 3.17, `Position`); a column inside a
//! character (half a surrogate pair, a byte inside a UTF-8 sequence) means the character's start.

use lsp_types::{Position, Range};

/// What a column counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// UTF-16 code units: the protocol's default.
    Utf16,
    /// Bytes: when the client offers `utf-8` (`general.positionEncodings`).
    Utf8,
}

/// A position past the last line of the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OutOfRange;

/// The line starts of a text, for conversions in O(log n + line length).
pub struct Lines<'a> {
    text: &'a str,
    starts: Vec<usize>,
    enc: Encoding,
}

impl<'a> Lines<'a> {
    pub fn new(text: &'a str, enc: Encoding) -> Lines<'a> {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Lines { text, starts, enc }
    }

    /// The byte offset of a position; a line past the last is out of range.
    pub fn offset(&self, p: Position) -> Result<usize, OutOfRange> {
        let line = p.line as usize;
        let Some(&start) = self.starts.get(line) else {
            return Err(OutOfRange);
        };
        let end = self
            .starts
            .get(line + 1)
            .map_or(self.text.len(), |&next| next - 1);
        let end = if self.text[start..end].ends_with('\r') {
            end - 1
        } else {
            end
        };
        let mut units = 0usize;
        let want = p.character as usize;
        for (i, c) in self.text[start..end].char_indices() {
            let w = match self.enc {
                Encoding::Utf16 => c.len_utf16(),
                Encoding::Utf8 => c.len_utf8(),
            };
            if units + w > want {
                return Ok(start + i);
            }
            units += w;
        }
        Ok(end)
    }

    /// The byte offset of a position, a line past the last meaning the end of the text (for
    /// edits, which are notifications and cannot be answered with an error).
    pub fn offset_clamped(&self, p: Position) -> usize {
        self.offset(p).unwrap_or(self.text.len())
    }

    /// The position of a byte offset (clamped to the text, rounded down to a character).
    pub fn position(&self, offset: usize) -> Position {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let prefix = &self.text[self.starts[line]..offset];
        let character = match self.enc {
            Encoding::Utf16 => prefix.chars().map(char::len_utf16).sum::<usize>(),
            Encoding::Utf8 => prefix.len(),
        };
        Position::new(line as u32, character as u32)
    }

    pub fn range(&self, start: usize, end: usize) -> Range {
        Range::new(self.position(start), self.position(end))
    }
}

/// Apply one `didChange` edit: `range` replaced by `new`, or the whole text without a range.
pub fn apply(text: &mut String, range: Option<Range>, new: &str, enc: Encoding) {
    let Some(range) = range else {
        *text = new.to_string();
        return;
    };
    let lines = Lines::new(text, enc);
    let start = lines.offset_clamped(range.start);
    let end = lines.offset_clamped(range.end).max(start);
    text.replace_range(start..end, new);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_columns_count_surrogate_pairs_and_bmp_characters_once() {
        let text = "a \"é😀\" b\nx";
        let l = Lines::new(text, Encoding::Utf16);
        // `b` is after: a, space, ", é (1 unit), 😀 (2 units), ", space = 8 units.
        let b = text.find('b').unwrap();
        assert_eq!(l.position(b), Position::new(0, 8));
        assert_eq!(l.offset(Position::new(0, 8)), Ok(b));
        // Inside the surrogate pair: the character's start.
        let smiley = text.find('😀').unwrap();
        assert_eq!(l.offset(Position::new(0, 5)), Ok(smiley));
        // Past the end of a line: its end; past the last line: out of range.
        assert_eq!(l.offset(Position::new(0, 99)), Ok(text.find('\n').unwrap()));
        assert_eq!(l.offset(Position::new(1, 1)), Ok(text.len()));
        assert_eq!(l.offset(Position::new(2, 0)), Err(OutOfRange));
    }

    #[test]
    fn utf8_columns_are_bytes() {
        let text = "é b";
        let l = Lines::new(text, Encoding::Utf8);
        assert_eq!(l.position(3), Position::new(0, 3));
        assert_eq!(l.offset(Position::new(0, 1)), Ok(0));
    }

    #[test]
    fn edits_replace_ranges_and_clamp() {
        let mut t = String::from("ab\r\ncé");
        apply(
            &mut t,
            Some(Range::new(Position::new(1, 1), Position::new(1, 2))),
            "x",
            Encoding::Utf16,
        );
        assert_eq!(t, "ab\r\ncx");
        apply(
            &mut t,
            Some(Range::new(Position::new(0, 9), Position::new(7, 0))),
            "!",
            Encoding::Utf16,
        );
        assert_eq!(t, "ab!");
    }
}
