"""Symbol characters in Word (w:sym): a character of a symbol font, stored as a code point.

Word stores a character picked from the Symbol or Wingdings font as `<w:sym w:font="Symbol"
w:char="F025"/>`: the font's own code, shifted into the private-use area (U+F020..U+F0FF) or
not. Read as text it is the Unicode character the font draws: Symbol's 0x25 is "%", its 0xAE
"→"; a code no table below knows stays as Word stores it (a private-use character), so that
the text and the word accounting still agree on it.
"""
from __future__ import annotations

import re
from collections.abc import Callable

PRIVATE_USE_BASE = 0xF000  # Word writes a symbol font's code 0xNN as U+F0NN

# Adobe's Symbol encoding, the codes whose glyph is not the ASCII character of the same code.
SYMBOL_FONT = {
    0x22: "\u2200", 0x24: "\u2203", 0x27: "\u220b", 0x2A: "\u2217", 0x2D: "\u2212", 0x40: "\u2245",
    0x41: "\u0391", 0x42: "\u0392", 0x43: "\u03a7", 0x44: "\u0394", 0x45: "\u0395", 0x46: "\u03a6",
    0x47: "\u0393", 0x48: "\u0397", 0x49: "\u0399", 0x4A: "\u03d1", 0x4B: "\u039a", 0x4C: "\u039b",
    0x4D: "\u039c", 0x4E: "\u039d", 0x4F: "\u039f", 0x50: "\u03a0", 0x51: "\u0398", 0x52: "\u03a1",
    0x53: "\u03a3", 0x54: "\u03a4", 0x55: "\u03a5", 0x56: "\u03c2", 0x57: "\u03a9", 0x58: "\u039e",
    0x59: "\u03a8", 0x5A: "\u0396", 0x5C: "\u2234", 0x5E: "\u22a5",
    0x61: "\u03b1", 0x62: "\u03b2", 0x63: "\u03c7", 0x64: "\u03b4", 0x65: "\u03b5", 0x66: "\u03c6",
    0x67: "\u03b3", 0x68: "\u03b7", 0x69: "\u03b9", 0x6A: "\u03d5", 0x6B: "\u03ba", 0x6C: "\u03bb",
    0x6D: "\u03bc", 0x6E: "\u03bd", 0x6F: "\u03bf", 0x70: "\u03c0", 0x71: "\u03b8", 0x72: "\u03c1",
    0x73: "\u03c3", 0x74: "\u03c4", 0x75: "\u03c5", 0x76: "\u03d6", 0x77: "\u03c9", 0x78: "\u03be",
    0x79: "\u03c8", 0x7A: "\u03b6", 0x7E: "\u223c",
    0xA1: "\u03d2", 0xA2: "\u2032", 0xA3: "\u2264", 0xA4: "\u2044", 0xA5: "\u221e", 0xA6: "\u0192",
    0xA7: "\u2663", 0xA8: "\u2666", 0xA9: "\u2665", 0xAA: "\u2660", 0xAB: "\u2194", 0xAC: "\u2190",
    0xAD: "\u2191", 0xAE: "\u2192", 0xAF: "\u2193", 0xB0: "\u00b0", 0xB1: "\u00b1", 0xB2: "\u2033",
    0xB3: "\u2265", 0xB4: "\u00d7", 0xB5: "\u221d", 0xB6: "\u2202", 0xB7: "\u2022", 0xB8: "\u00f7",
    0xB9: "\u2260", 0xBA: "\u2261", 0xBB: "\u2248", 0xBC: "\u2026", 0xBF: "\u21b5",
    0xC0: "\u2135", 0xC1: "\u2111", 0xC2: "\u211c", 0xC3: "\u2118", 0xC4: "\u2297", 0xC5: "\u2295",
    0xC6: "\u2205", 0xC7: "\u2229", 0xC8: "\u222a", 0xC9: "\u2283", 0xCA: "\u2287", 0xCB: "\u2284",
    0xCC: "\u2282", 0xCD: "\u2286", 0xCE: "\u2208", 0xCF: "\u2209", 0xD0: "\u2220", 0xD1: "\u2207",
    0xD2: "\u00ae", 0xD3: "\u00a9", 0xD4: "\u2122", 0xD5: "\u220f", 0xD6: "\u221a", 0xD7: "\u22c5",
    0xD8: "\u00ac", 0xD9: "\u2227", 0xDA: "\u2228", 0xDB: "\u21d4", 0xDC: "\u21d0", 0xDD: "\u21d1",
    0xDE: "\u21d2", 0xDF: "\u21d3", 0xE0: "\u25ca", 0xE1: "\u2329", 0xE2: "\u00ae", 0xE3: "\u00a9",
    0xE4: "\u2122", 0xE5: "\u2211", 0xF1: "\u232a", 0xF2: "\u222b",
}

# Wingdings: the bullets, arrows and marks notes use (the font's other codes are pictures).
WINGDINGS_FONT = {
    0x6C: "\u25cf", 0x6E: "\u25a0", 0x6F: "\u25a1", 0x71: "\u2751", 0x75: "\u25c6", 0x76: "\u2756",
    0x77: "\u2b25", 0x9F: "\u2022", 0xA7: "\u25aa", 0xA8: "\u25fb", 0xD8: "\u27a2", 0xDF: "\u2190",
    0xE0: "\u2192", 0xE1: "\u2191", 0xE2: "\u2193", 0xE7: "\u2190", 0xE8: "\u2192", 0xE9: "\u2191",
    0xEA: "\u2193", 0xEF: "\u21e6", 0xF0: "\u21e8", 0xFB: "\u2717", 0xFC: "\u2713", 0xFD: "\u2612",
    0xFE: "\u2611",
}

FONTS = {"symbol": SYMBOL_FONT, "wingdings": WINGDINGS_FONT}


def symbol_text(font: str | None, code: str | None) -> str:
    """Given a w:sym's font and hexadecimal code, return the character it draws."""
    try:
        value = int(code or "", 16)
    except ValueError:
        return ""
    own = value - PRIVATE_USE_BASE if value >= PRIVATE_USE_BASE else value
    table = FONTS.get((font or "").strip().lower().split(" ")[0], {})
    if own in table:
        return table[own]
    if table is SYMBOL_FONT and 0x20 <= own < 0x7F:
        return chr(own)  # Symbol draws the ASCII character of its other codes below 0x7F: "%", "(", "3"
    return chr(value)


PRIVATE_USE_CHAR = re.compile(f"[{chr(PRIVATE_USE_BASE + 0x20)}-{chr(PRIVATE_USE_BASE + 0xFF)}]")


def is_private_use(char: str) -> bool:
    """Is this the private-use code point a symbol font's character is stored or read as?"""
    return PRIVATE_USE_BASE + 0x20 <= ord(char) <= PRIVATE_USE_BASE + 0xFF


def font_family(fontname: str) -> str | None:
    """The symbol font a PDF font's name names ("ABCDEF+Symbol", "OpenSymbol": symbol;
    "Wingdings-Regular": wingdings), or None for any other font."""
    name = fontname.lower()
    return "wingdings" if "wingding" in name else "symbol" if "symbol" in name else None


def with_symbol_text(words: list[dict], page_chars: Callable[[], list[dict]]) -> list[dict]:
    """Given a PDF page's words and what gives its characters (pdfplumber-shaped dicts, asked for
    only where a word holds a private-use character: most pages' are not made), return the words with
    each private-use character of a symbol font read as the character it draws. LibreOffice
    draws Symbol's and Wingdings' characters alike with OpenSymbol, keeping the code: read with
    Symbol's table, a Wingdings code Symbol does not use stays as it is."""
    if not PRIVATE_USE_CHAR.search("".join(word["text"] for word in words)):
        return words  # most pages: no private-use character in any word, no char looked at
    fonts = {c["text"]: font_family(c.get("fontname", "")) for c in page_chars()
             if len(c["text"]) == 1 and is_private_use(c["text"])}
    fonts = {char: family for char, family in fonts.items() if family}
    if not fonts:
        return words
    out = []
    for word in words:
        if any(ch in fonts for ch in word["text"]):
            text = "".join(symbol_text(fonts[ch], f"{ord(ch):X}") if ch in fonts else ch for ch in word["text"])
            word = {**word, "text": text}
        out.append(word)
    return out
