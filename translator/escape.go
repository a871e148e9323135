package translator

import (
	"sort"
	"strconv"
	"strings"
)

// This file rewrites ODBC escape sequences and `?` placeholders into text
// PostgreSQL's parser accepts, and keeps a map from every byte of the
// rewritten text back to the user's original text so that errors point at
// what the user wrote.
//
//	{ts 'v'} → TIMESTAMP 'v'    {d 'v'} → DATE 'v'    {t 'v'} → TIME 'v'
//	{fn f(…)} → f(…)            {oj …} → …            {escape 'c'} → ESCAPE 'c'
//	?        → $n (numbered left to right)
//
// The scanner follows PostgreSQL's lexical rules so braces and question
// marks inside string literals ('…', E'…', $tag$…$tag$), quoted identifiers
// and comments (-- and nested /* */) are never touched. {call …} is a whole
// statement, recognised by parseCall before this rewriter runs.

// segment maps a run of the rewritten text to the original text. A copied
// run maps byte for byte; a synthesized run (text we inserted) maps every
// byte to orig.
type segment struct {
	out, orig, n int
	synth        bool
}

// rewritten is the rewriter's result.
type rewritten struct {
	text    string
	segs    []segment // nil when text is the original unchanged
	qParams int       // number of ? placeholders rewritten to $n
}

// origPos maps a byte offset in the rewritten text to the original text.
func (r *rewritten) origPos(p int) int {
	if r.segs == nil || p < 0 {
		return p
	}
	i := sort.Search(len(r.segs), func(i int) bool { return r.segs[i].out > p }) - 1
	if i < 0 {
		return 0
	}
	s := r.segs[i]
	if s.synth {
		return s.orig
	}
	d := p - s.out
	if d > s.n {
		d = s.n
	}
	return s.orig + d
}

type escRewriter struct {
	src     string
	b       strings.Builder
	segs    []segment
	changed bool
	qParams int
	dollar  bool // a $n parameter was seen
}

// rewriteEscapes rewrites ODBC escapes and ? placeholders in src.
func rewriteEscapes(src string) (*rewritten, error) {
	if !strings.ContainsAny(src, "{}?") {
		return &rewritten{text: src}, nil
	}
	w := &escRewriter{src: src}
	w.b.Grow(len(src) + 16)
	end, err := w.run(0, false)
	if err != nil {
		return nil, err
	}
	if end != len(src) {
		return nil, unsupportedAt("unmatched }", end, "ODBC escapes are written {ts '…'}, {d '…'}, {t '…'}, {fn …}, {oj …}, {escape '…'}")
	}
	if !w.changed {
		return &rewritten{text: src}, nil
	}
	if w.qParams > 0 && w.dollar {
		return nil, unsupportedAt("mixing ? and $n parameters", 0, "use one placeholder style per statement")
	}
	return &rewritten{text: w.b.String(), segs: w.segs, qParams: w.qParams}, nil
}

// copyRun appends src[from:to] as a copied run.
func (w *escRewriter) copyRun(from, to int) {
	if to <= from {
		return
	}
	w.segs = append(w.segs, segment{out: w.b.Len(), orig: from, n: to - from})
	w.b.WriteString(w.src[from:to])
}

// synth appends inserted text that maps back to orig.
func (w *escRewriter) synth(text string, orig int) {
	w.changed = true
	w.segs = append(w.segs, segment{out: w.b.Len(), orig: orig, n: len(text), synth: true})
	w.b.WriteString(text)
}

// run copies and rewrites from i until the end of input or, when inEscape,
// until the unmatched } that closes the escape (returned, not consumed).
func (w *escRewriter) run(i int, inEscape bool) (int, error) {
	s := w.src
	start := i
	for i < len(s) {
		c := s[i]
		switch {
		case c == '\'':
			j, err := skipString(s, i)
			if err != nil {
				return 0, err
			}
			i = j
		case c == '"':
			j, err := skipQuotedIdent(s, i)
			if err != nil {
				return 0, err
			}
			i = j
		case c == '-' && i+1 < len(s) && s[i+1] == '-':
			i = skipLineComment(s, i)
		case c == '/' && i+1 < len(s) && s[i+1] == '*':
			j, err := skipBlockComment(s, i)
			if err != nil {
				return 0, err
			}
			i = j
		case c == '$':
			if j, ok := dollarQuoteEnd(s, i); ok {
				i = j
			} else {
				if i+1 < len(s) && s[i+1] >= '0' && s[i+1] <= '9' {
					w.dollar = true
				}
				i++
			}
		case c == '?':
			w.copyRun(start, i)
			w.qParams++
			w.synth("$"+strconv.Itoa(w.qParams), i)
			i++
			start = i
		case c == '{':
			w.copyRun(start, i)
			j, err := w.escape(i)
			if err != nil {
				return 0, err
			}
			i = j
			start = i
		case c == '}':
			if inEscape {
				w.copyRun(start, i)
				return i, nil
			}
			return 0, unsupportedAt("unmatched }", i, "")
		default:
			i++
		}
	}
	if inEscape {
		return 0, unsupportedAt("unterminated ODBC escape", len(s), "close the escape with }")
	}
	w.copyRun(start, i)
	return i, nil
}

// escape rewrites the escape starting at the { at open and returns the
// offset just past its closing }.
func (w *escRewriter) escape(open int) (int, error) {
	s := w.src
	i := skipSpace(s, open+1)
	k := i
	for k < len(s) && isIdentByte(s[k]) {
		k++
	}
	kw := strings.ToLower(s[i:k])
	hint := "ODBC escapes are written {ts '…'}, {d '…'}, {t '…'}, {fn …}, {oj …}, {escape '…'}"
	switch kw {
	case "ts", "d", "t":
		j := skipSpace(s, k)
		if j >= len(s) || s[j] != '\'' {
			return 0, unsupportedAt("{"+kw+"} escape without a quoted value", j, "write {"+kw+" '…'}")
		}
		e, err := skipString(s, j)
		if err != nil {
			return 0, err
		}
		c := skipSpace(s, e)
		if c >= len(s) || s[c] != '}' {
			return 0, unsupportedAt("unterminated {"+kw+"} escape", c, "close the escape with }")
		}
		w.synth(map[string]string{"ts": "TIMESTAMP ", "d": "DATE ", "t": "TIME "}[kw], open)
		w.copyRun(j, e)
		return c + 1, nil
	case "fn", "oj", "escape":
		w.changed = true
		if kw == "escape" {
			w.synth("ESCAPE ", open)
		}
		c, err := w.run(skipSpace(s, k), true)
		if err != nil {
			return 0, err
		}
		return c + 1, nil
	case "call":
		return 0, unsupportedAt("{call} inside a statement", open, "a report call {call \"Name\"} must be the whole statement")
	case "":
		return 0, unsupportedAt("{ outside an ODBC escape", open, hint)
	default:
		return 0, unsupportedAt("ODBC escape {"+kw+"}", open, hint)
	}
}

func isIdentByte(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c >= 0x80
}

func skipSpace(s string, i int) int {
	for i < len(s) && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r' || s[i] == '\f') {
		i++
	}
	return i
}

// skipString skips the string literal whose opening quote is at i. An E
// prefix (E'…') enables backslash escapes, as in PostgreSQL.
func skipString(s string, i int) (int, error) {
	backslash := i > 0 && (s[i-1] == 'e' || s[i-1] == 'E') && (i < 2 || !isIdentByte(s[i-2]))
	for j := i + 1; j < len(s); j++ {
		switch s[j] {
		case '\\':
			if backslash {
				j++
			}
		case '\'':
			if j+1 < len(s) && s[j+1] == '\'' {
				j++
				continue
			}
			return j + 1, nil
		}
	}
	return 0, unsupportedAt("unterminated quoted string", i, "")
}

func skipQuotedIdent(s string, i int) (int, error) {
	for j := i + 1; j < len(s); j++ {
		if s[j] == '"' {
			if j+1 < len(s) && s[j+1] == '"' {
				j++
				continue
			}
			return j + 1, nil
		}
	}
	return 0, unsupportedAt("unterminated quoted identifier", i, "")
}

func skipLineComment(s string, i int) int {
	for i < len(s) && s[i] != '\n' {
		i++
	}
	return i
}

func skipBlockComment(s string, i int) (int, error) {
	depth := 0
	for j := i; j+1 < len(s); j++ {
		switch {
		case s[j] == '/' && s[j+1] == '*':
			depth++
			j++
		case s[j] == '*' && s[j+1] == '/':
			depth--
			j++
			if depth == 0 {
				return j + 1, nil
			}
		}
	}
	return 0, unsupportedAt("unterminated /* comment", i, "")
}

// dollarQuoteEnd reports the end of a $tag$…$tag$ string starting at i.
func dollarQuoteEnd(s string, i int) (int, bool) {
	if i > 0 && isIdentByte(s[i-1]) {
		return 0, false // part of an identifier such as a$b
	}
	j := i + 1
	if j < len(s) && s[j] >= '0' && s[j] <= '9' {
		return 0, false
	}
	for j < len(s) && s[j] != '$' && isIdentByte(s[j]) {
		j++
	}
	if j >= len(s) || s[j] != '$' {
		return 0, false
	}
	tag := s[i : j+1]
	k := strings.Index(s[j+1:], tag)
	if k < 0 {
		return 0, false
	}
	return j + 1 + k + len(tag), true
}
