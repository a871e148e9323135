package soql

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

type tokKind uint8

const (
	tEOF      tokKind = iota
	tIdent            // Name, Account__c, USD5000, keywords
	tString           // 'text' (raw text kept; decoded by the parser, which knows the LIKE context)
	tNumber           // 123, 1.5, 1e3 (unsigned: a sign is its own token)
	tDate             // 2024-01-31
	tDateTime         // 2024-01-31T23:01:01Z, …+01:00
	tTime             // 23:01:01.000Z
	tPunct            // ( ) , . : = != <> < <= > >= and any other symbol
	tErr              // a lexical error; the parser reports it if it gets there
)

type token struct {
	kind tokKind
	text string // raw text as in the statement
	pos  Pos
	end  int // byte offset just past the token
}

// quoted is the token as Salesforce quotes it in "unexpected token: …".
func (t token) quoted() string {
	if t.kind == tEOF {
		return "<EOF>"
	}
	return "'" + t.text + "'"
}

// lexer turns the statement into tokens up front; errors stop it.
type lexer struct {
	src      string
	off      int
	row, col int
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
func isDigit(c byte) bool  { return c >= '0' && c <= '9' }
func isIdentChar(c byte) bool {
	return isLetter(c) || isDigit(c) || c == '_'
}

func (l *lexer) pos() Pos { return Pos{Row: l.row, Col: l.col, Offset: l.off} }

// advance moves over n bytes that contain no newline.
func (l *lexer) advance(n int) {
	l.col += utf8.RuneCountInString(l.src[l.off : l.off+n])
	l.off += n
}

func (l *lexer) errAt(p Pos, tokText, msg string) *ParseError {
	return &ParseError{Row: p.Row, Column: p.Col, Token: tokText, Message: msg, Query: l.src}
}

func (l *lexer) next() (token, *ParseError) {
	// Whitespace.
	for l.off < len(l.src) {
		switch l.src[l.off] {
		case ' ', '\t', '\f', '\r':
			l.off++
			l.col++
			continue
		case '\n':
			l.off++
			l.row++
			l.col = 1
			continue
		}
		break
	}
	start := l.pos()
	if l.off >= len(l.src) {
		return token{kind: tEOF, pos: start, end: l.off}, nil
	}
	s := l.src[l.off:]
	c := s[0]
	mk := func(k tokKind, n int) (token, *ParseError) {
		t := token{kind: k, text: s[:n], pos: start, end: l.off + n}
		l.advance(n)
		return t, nil
	}
	switch {
	case isLetter(c) || c == '_':
		n := 1
		for n < len(s) && isIdentChar(s[n]) {
			n++
		}
		return mk(tIdent, n)
	case isDigit(c):
		if n := scanDateTime(s); n > 0 {
			if n > 10 {
				return mk(tDateTime, n)
			}
			return mk(tDate, n)
		}
		if n := scanTime(s); n > 0 {
			return mk(tTime, n)
		}
		n := scanDigits(s, 0)
		if n+1 < len(s) && s[n] == '.' && isDigit(s[n+1]) {
			n = scanDigits(s, n+1)
		}
		if n < len(s) && (s[n] == 'e' || s[n] == 'E') {
			m := n + 1
			if m < len(s) && (s[m] == '+' || s[m] == '-') {
				m++
			}
			if m < len(s) && isDigit(s[m]) {
				n = scanDigits(s, m)
			}
		}
		return mk(tNumber, n)
	case c == '\'':
		return l.scanString(start)
	case c == '!' && len(s) > 1 && s[1] == '=',
		c == '<' && len(s) > 1 && (s[1] == '=' || s[1] == '>'),
		c == '>' && len(s) > 1 && s[1] == '=':
		return mk(tPunct, 2)
	case c < utf8.RuneSelf:
		if c < 0x20 || c == 0x7f {
			return token{}, l.errAt(start, strconv.QuoteRune(rune(c)), "no viable alternative at character "+strconv.QuoteRune(rune(c)))
		}
		return mk(tPunct, 1)
	}
	r, size := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError && size == 1 {
		return token{}, l.errAt(start, "", "no viable alternative at character '\\ufffd'")
	}
	return mk(tPunct, size)
}

func scanDigits(s string, i int) int {
	for i < len(s) && isDigit(s[i]) {
		i++
	}
	return i
}

// fixedDigits reports whether s[i:i+n] are n digits.
func fixedDigits(s string, i, n int) bool {
	if i+n > len(s) {
		return false
	}
	for j := i; j < i+n; j++ {
		if !isDigit(s[j]) {
			return false
		}
	}
	return true
}

// scanDateTime returns the length of a date (10) or datetime at the start of
// s, or 0. A date followed by 'T' must continue as a full datetime.
func scanDateTime(s string) int {
	if !(fixedDigits(s, 0, 4) && len(s) > 4 && s[4] == '-' && fixedDigits(s, 5, 2) && len(s) > 7 && s[7] == '-' && fixedDigits(s, 8, 2)) {
		return 0
	}
	if len(s) == 10 || s[10] != 'T' && s[10] != 't' {
		if len(s) > 10 && isIdentChar(s[10]) {
			return 0
		}
		return 10
	}
	n := scanClock(s, 11)
	if n == 0 {
		return 0
	}
	switch {
	case n < len(s) && (s[n] == 'Z' || s[n] == 'z'):
		return n + 1
	case n < len(s) && (s[n] == '+' || s[n] == '-') && fixedDigits(s, n+1, 2) && n+3 < len(s) && s[n+3] == ':' && fixedDigits(s, n+4, 2):
		return n + 6
	}
	return 0
}

// scanClock returns the end of hh:mm:ss[.f…] starting at i, or 0.
func scanClock(s string, i int) int {
	if !(fixedDigits(s, i, 2) && i+2 < len(s) && s[i+2] == ':' && fixedDigits(s, i+3, 2) && i+5 < len(s) && s[i+5] == ':' && fixedDigits(s, i+6, 2)) {
		return 0
	}
	n := i + 8
	if n+1 < len(s) && s[n] == '.' && isDigit(s[n+1]) {
		n = scanDigits(s, n+1)
	}
	return n
}

// scanTime returns the length of a time literal hh:mm:ss[.f…]Z, or 0.
func scanTime(s string) int {
	n := scanClock(s, 0)
	if n == 0 || n >= len(s) || s[n] != 'Z' && s[n] != 'z' {
		return 0
	}
	return n + 1
}

// scanString scans a single-quoted string; escapes are checked when the
// parser decodes it. A newline inside the string is allowed and counted.
func (l *lexer) scanString(start Pos) (token, *ParseError) {
	s := l.src
	i := l.off + 1
	for i < len(s) {
		switch s[i] {
		case '\\':
			i += 2
			continue
		case '\'':
			i++
			if !utf8.ValidString(s[l.off:i]) {
				return token{}, l.errAt(start, "", "no viable alternative at character '\\ufffd'")
			}
			t := token{kind: tString, text: s[l.off:i], pos: start, end: i}
			l.skipMultiline(i)
			return t, nil
		}
		i++
	}
	return token{}, l.errAt(start, "<EOF>",
		"line "+strconv.Itoa(start.Row)+":"+strconv.Itoa(start.Col-1)+" mismatched character '<EOF>' expecting '''")
}

// skipMultiline moves to byte offset end, counting rows and columns.
func (l *lexer) skipMultiline(end int) {
	for l.off < end {
		r, size := utf8.DecodeRuneInString(l.src[l.off:])
		if r == '\n' {
			l.row++
			l.col = 1
		} else {
			l.col++
		}
		l.off += size
	}
}

// decodeString decodes the raw text of a string token. In a LIKE pattern
// the escapes \% \_ and \\ are kept as written (see StringLit). The error
// result is the offending escape sequence, or "" when the text is valid.
func decodeString(raw string, like bool) (string, string) {
	body := raw[1 : len(raw)-1]
	if strings.IndexByte(body, '\\') < 0 {
		return body, ""
	}
	b := make([]byte, 0, len(body))
	for i := 0; i < len(body); i++ {
		c := body[i]
		if c != '\\' {
			b = append(b, c)
			continue
		}
		if i+1 >= len(body) {
			return "", "\\"
		}
		e := body[i+1]
		i++
		switch e {
		case 'n', 'N':
			b = append(b, '\n')
		case 'r', 'R':
			b = append(b, '\r')
		case 't', 'T':
			b = append(b, '\t')
		case 'b', 'B':
			b = append(b, '\b')
		case 'f', 'F':
			b = append(b, '\f')
		case '"', '\'':
			b = append(b, e)
		case '\\':
			if like {
				b = append(b, '\\', '\\')
			} else {
				b = append(b, '\\')
			}
		case '%', '_':
			if !like {
				return "", body[i-1 : i+1]
			}
			b = append(b, '\\', e)
		case 'u':
			if i+5 > len(body) {
				return "", body[i-1:]
			}
			v, err := strconv.ParseUint(body[i+1:i+5], 16, 32)
			if err != nil {
				return "", body[i-1 : i+5]
			}
			r := rune(v)
			if like && (r == '\\') {
				// A backslash spelled \u005C is a literal backslash in
				// the pattern too.
				b = append(b, '\\', '\\')
			} else if utf8.ValidRune(r) {
				b = utf8.AppendRune(b, r)
			} else {
				// A lone surrogate: Salesforce (Java) keeps it; Go strings
				// cannot hold it, so it becomes U+FFFD.
				b = utf8.AppendRune(b, utf8.RuneError)
			}
			i += 4
		default:
			_, size := utf8.DecodeRuneInString(body[i:])
			return "", body[i-1 : i+size]
		}
	}
	return string(b), ""
}
