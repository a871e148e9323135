package soql

import "strings"

// FuncInfo describes a function the parser knows.
type FuncInfo struct {
	Name      string // canonical spelling, as printed
	Aggregate bool   // COUNT, COUNT_DISTINCT, SUM, AVG, MIN, MAX
	DateFunc  bool   // CALENDAR_YEAR, DAY_ONLY, …
	MinArgs   int
	MaxArgs   int
	// Literals tells that arguments may be literals (DISTANCE, GEOLOCATION);
	// other functions take field paths or nested calls only.
	Literals bool
}

var funcs = map[string]FuncInfo{}

func init() {
	add := func(fi FuncInfo) { funcs[strings.ToUpper(fi.Name)] = fi }
	add(FuncInfo{Name: "COUNT", Aggregate: true, MinArgs: 0, MaxArgs: 1})
	for _, n := range []string{"COUNT_DISTINCT", "SUM", "AVG", "MIN", "MAX"} {
		add(FuncInfo{Name: n, Aggregate: true, MinArgs: 1, MaxArgs: 1})
	}
	for _, n := range []string{"CALENDAR_MONTH", "CALENDAR_QUARTER", "CALENDAR_YEAR", "DAY_IN_MONTH",
		"DAY_IN_WEEK", "DAY_IN_YEAR", "DAY_ONLY", "FISCAL_MONTH", "FISCAL_QUARTER", "FISCAL_YEAR",
		"HOUR_IN_DAY", "WEEK_IN_MONTH", "WEEK_IN_YEAR"} {
		add(FuncInfo{Name: n, DateFunc: true, MinArgs: 1, MaxArgs: 1})
	}
	for _, n := range []string{"convertTimezone", "toLabel", "FORMAT", "convertCurrency", "GROUPING"} {
		add(FuncInfo{Name: n, MinArgs: 1, MaxArgs: 1})
	}
	add(FuncInfo{Name: "DISTANCE", MinArgs: 3, MaxArgs: 3, Literals: true})
	add(FuncInfo{Name: "GEOLOCATION", MinArgs: 2, MaxArgs: 2, Literals: true})
}

// LookupFunc finds a function by name, case-insensitively.
func LookupFunc(name string) (FuncInfo, bool) {
	fi, ok := funcs[strings.ToUpper(name)]
	return fi, ok
}

// dateLiterals maps each relative date literal to whether it takes ":n".
var dateLiterals = map[string]bool{}

func init() {
	for _, n := range strings.Fields(`YESTERDAY TODAY TOMORROW LAST_WEEK THIS_WEEK NEXT_WEEK
		LAST_MONTH THIS_MONTH NEXT_MONTH LAST_90_DAYS NEXT_90_DAYS THIS_QUARTER LAST_QUARTER
		NEXT_QUARTER THIS_YEAR LAST_YEAR NEXT_YEAR THIS_FISCAL_QUARTER LAST_FISCAL_QUARTER
		NEXT_FISCAL_QUARTER THIS_FISCAL_YEAR LAST_FISCAL_YEAR NEXT_FISCAL_YEAR`) {
		dateLiterals[n] = false
	}
	for _, n := range strings.Fields(`LAST_N_DAYS NEXT_N_DAYS N_DAYS_AGO NEXT_N_WEEKS LAST_N_WEEKS
		N_WEEKS_AGO NEXT_N_MONTHS LAST_N_MONTHS N_MONTHS_AGO NEXT_N_QUARTERS LAST_N_QUARTERS
		N_QUARTERS_AGO NEXT_N_YEARS LAST_N_YEARS N_YEARS_AGO NEXT_N_FISCAL_QUARTERS
		LAST_N_FISCAL_QUARTERS N_FISCAL_QUARTERS_AGO NEXT_N_FISCAL_YEARS LAST_N_FISCAL_YEARS
		N_FISCAL_YEARS_AGO`) {
		dateLiterals[n] = true
	}
}

// LookupDateLiteral reports whether name (any casing) is a relative date
// literal, its upper-case form, and whether it takes ":n".
func LookupDateLiteral(name string) (canonical string, takesN bool, ok bool) {
	u := strings.ToUpper(name)
	takesN, ok = dateLiterals[u]
	return u, takesN, ok
}

// reserved are the words that cannot be aliases (spec §6.1), plus the clause
// keywords that may follow an object or a select item.
var reserved = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`AND ASC DESC EXCLUDES FIRST FROM GROUP HAVING IN INCLUDES LAST
		LIKE LIMIT NOT NULL NULLS OR SELECT USING WHERE WITH ORDER OFFSET FOR UPDATE`) {
		reserved[w] = true
	}
}

// IsReserved reports whether word (any casing) is a reserved word of SOQL,
// which cannot be an alias.
func IsReserved(word string) bool { return reserved[strings.ToUpper(word)] }
