package sfapi

import (
	"strings"
)

// selectItem is one entry of a SELECT list as far as flattening needs it:
// a field path (Id, Account.Owner.Name) or a child subquery.
type selectItem struct {
	path []string     // field path; for a subquery, the relationship name
	sub  []selectItem // the subquery's own SELECT list
}

// parseSelectList reads the top-level SELECT list of soql. It understands
// plain and dotted field paths and parent-to-child subqueries; ok is false
// for anything else (functions, aggregates, TYPEOF, FIELDS()), and the
// caller then takes the columns from the response instead. It is not a
// SOQL parser: sfapi imports nothing of the module, and the engine, which
// holds the real AST, passes QueryOptions.Columns.
func parseSelectList(soql string) (items []selectItem, from string, ok bool) {
	s := strings.TrimSpace(soql)
	sel := findKeyword(s, "select", 0)
	if sel != 0 {
		return nil, "", false
	}
	fromAt := findKeyword(s, "from", len("select"))
	if fromAt < 0 {
		return nil, "", false
	}
	list := s[len("select"):fromAt]
	rest := strings.TrimSpace(s[fromAt+len("from"):])
	end := strings.IndexFunc(rest, func(r rune) bool { return !isIdentRune(r) })
	if end < 0 {
		end = len(rest)
	}
	from = rest[:end]
	for _, part := range splitTopLevel(list) {
		part = strings.TrimSpace(part)
		if strings.HasPrefix(part, "(") && strings.HasSuffix(part, ")") {
			sub, rel, ok := parseSelectList(part[1 : len(part)-1])
			if !ok || !isIdent(rel) {
				return nil, "", false
			}
			items = append(items, selectItem{path: []string{rel}, sub: sub})
			continue
		}
		path := strings.Split(part, ".")
		for _, seg := range path {
			if !isIdent(seg) {
				return nil, "", false
			}
		}
		items = append(items, selectItem{path: path})
	}
	return items, from, len(items) > 0
}

// findKeyword returns the byte offset of keyword kw (case-insensitive,
// whole word) at parenthesis depth 0 and outside string literals, from
// offset start; -1 if absent.
func findKeyword(s, kw string, start int) int {
	depth := 0
	for i := start; i < len(s); i++ {
		switch ch := s[i]; {
		case ch == '\'':
			i = skipString(s, i)
		case ch == '(':
			depth++
		case ch == ')':
			depth--
		case depth == 0 && i+len(kw) <= len(s) && strings.EqualFold(s[i:i+len(kw)], kw):
			before := i == 0 || !isIdentByte(s[i-1])
			after := i+len(kw) == len(s) || !isIdentByte(s[i+len(kw)])
			if before && after {
				return i
			}
		}
	}
	return -1
}

// skipString returns the index of the quote closing the literal opened at i.
func skipString(s string, i int) int {
	for j := i + 1; j < len(s); j++ {
		switch s[j] {
		case '\\':
			j++
		case '\'':
			return j
		}
	}
	return len(s)
}

func splitTopLevel(s string) []string {
	var parts []string
	depth, last := 0, 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\'':
			i = skipString(s, i)
		case '(':
			depth++
		case ')':
			depth--
		case ',':
			if depth == 0 {
				parts = append(parts, s[last:i])
				last = i + 1
			}
		}
	}
	return append(parts, s[last:])
}

func isIdent(s string) bool {
	if s == "" || (s[0] >= '0' && s[0] <= '9') {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !isIdentByte(s[i]) {
			return false
		}
	}
	return true
}

func isIdentByte(b byte) bool {
	return b == '_' || (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9')
}

func isIdentRune(r rune) bool { return r < 128 && isIdentByte(byte(r)) }
