package translator

import (
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/soqlgate/soqlgate/catalog"
	"github.com/soqlgate/soqlgate/soql"
)

func TestObjects(t *testing.T) {
	cases := []struct {
		sql  string
		mode Mode
		want []string
	}{
		{`SELECT Id FROM Account`, "", []string{"Account"}},
		{`SELECT c.Id FROM Contact c JOIN account a ON c.AccountId = a.Id WHERE c.Id IN (SELECT ContactId FROM "Case")`, "", []string{"Contact", "account", "Case"}},
		{`INSERT INTO Lead (LastName) SELECT LastName FROM Contact`, "", []string{"Lead", "Contact"}},
		{`UPDATE Account SET Name = 'x' WHERE Id = '1'`, "", []string{"Account"}},
		{`DELETE FROM Opportunity WHERE Id = '1'`, "", []string{"Opportunity"}},
		{`SELECT Name, (SELECT LastName FROM Contacts) FROM Account WHERE Id IN (SELECT AccountId FROM Opportunity)`, "", []string{"Account", "Opportunity"}},
		{`SELECT Id FROM Account`, ModeSOQL, []string{"Account"}},
		{`{call "Pipeline"}`, "", nil},
		{`EXPLAIN SELECT Id FROM Lead`, "", []string{"Lead"}},
	}
	for _, c := range cases {
		got, err := Objects(c.sql, Settings{Mode: c.mode})
		if err != nil {
			t.Errorf("Objects(%q): %v", c.sql, err)
			continue
		}
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("Objects(%q) = %q, want %q", c.sql, got, c.want)
		}
	}
}

// TestTwoPhase: a relationship to an object the snapshot lacks asks for it.
func TestTwoPhase(t *testing.T) {
	full := testSnapshot(t)
	contact, _ := full.Object("Contact")
	user, _ := full.Object("User")
	sql := `SELECT Account.Name, Account.Owner.Email FROM Contact`
	_, err := Translate(sql, catalog.NewSnapshot(contact), Settings{})
	var need *NeedObjectsError
	if !errors.As(err, &need) || !reflect.DeepEqual(need.Objects, []string{"Account"}) {
		t.Fatalf("first phase: %v", err)
	}
	account, _ := full.Object("Account")
	_, err = Translate(sql, catalog.NewSnapshot(contact, account), Settings{})
	if !errors.As(err, &need) || !reflect.DeepEqual(need.Objects, []string{"User"}) {
		t.Fatalf("second phase: %v", err)
	}
	p, err := Translate(sql, catalog.NewSnapshot(contact, account, user), Settings{})
	if err != nil {
		t.Fatal(err)
	}
	if got := p.Scans[0].SOQL.String(); got != "SELECT Account.Name, Account.Owner.Email FROM Contact" {
		t.Errorf("SOQL = %s", got)
	}
}

func TestBind(t *testing.T) {
	snap := testSnapshot(t)
	p, err := Translate(`SELECT Id FROM Opportunity WHERE CloseDate >= $1 AND Amount > $2`, snap, Settings{})
	if err != nil {
		t.Fatal(err)
	}
	if p.Bound || len(p.Params) != 2 || p.Params[0].Type != "date" || p.Params[1].Field.Name != "Amount" {
		t.Fatalf("unbound plan: %+v", p.Params)
	}
	b, err := p.Bind([]any{"2024-01-31", 12.5}, snap, Settings{})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := b.Scans[0].SOQL.String(), "SELECT Id FROM Opportunity WHERE CloseDate >= 2024-01-31 AND Amount > 12.5"; got != want || !b.Bound {
		t.Errorf("bound SOQL = %s, want %s", got, want)
	}
	if _, err := p.Bind([]any{"not a date", 1}, snap, Settings{}); err == nil {
		t.Error("binding a bad date: no error")
	}
	if _, err := p.Bind([]any{"2024-01-31"}, snap, Settings{}); err == nil {
		t.Error("binding too few arguments: no error")
	}
}

func TestCache(t *testing.T) {
	snap := testSnapshot(t)
	defaultCache.reset()
	a, err := Translate(`SELECT Id FROM Account WHERE Industry = 'Media'`, snap, Settings{})
	if err != nil {
		t.Fatal(err)
	}
	b, _ := Translate(`SELECT Id FROM Account WHERE Industry = 'Media'`, snap, Settings{})
	if a != b {
		t.Error("repeated statement: plan not cached")
	}
	c, _ := Translate(`SELECT Id FROM Account WHERE Industry = 'Media'`, snap, Settings{ReadBehavior: "queryAll"})
	if c == a || !c.Scans[0].QueryAll {
		t.Error("other settings share a cached plan")
	}
	// The statement time is in the key only for statements reading the clock.
	t1, _ := Translate(`SELECT Id FROM Account WHERE Industry = 'Media'`, snap, Settings{Now: time.Unix(1, 0)})
	t2, _ := Translate(`SELECT Id FROM Account WHERE Industry = 'Media'`, snap, Settings{Now: time.Unix(2, 0)})
	if t1 != t2 || t1 != a {
		t.Error("a statement without NOW() missed the cache when Now changed")
	}
	n1, _ := Translate(`SELECT Id FROM Account WHERE CreatedDate < NOW()`, snap, Settings{Now: time.Unix(1, 0)})
	n2, _ := Translate(`SELECT Id FROM Account WHERE CreatedDate < NOW()`, snap, Settings{Now: time.Unix(2, 0)})
	if n1 == n2 || n1.Scans[0].SOQL.String() == n2.Scans[0].SOQL.String() {
		t.Error("NOW() reused a plan made at another time")
	}
	d1, _ := Translate(`SELECT Id FROM Opportunity WHERE CloseDate >= CURRENT_DATE`, snap, Settings{Now: time.Date(2024, 3, 15, 12, 0, 0, 0, time.UTC)})
	d2, _ := Translate(`SELECT Id FROM Opportunity WHERE CloseDate >= CURRENT_DATE`, snap, Settings{Now: time.Date(2024, 3, 16, 12, 0, 0, 0, time.UTC)})
	if got := d2.Scans[0].SOQL.String(); got != "SELECT Id FROM Opportunity WHERE CloseDate >= 2024-03-16" {
		t.Errorf("CURRENT_DATE reused a plan made on another day: %s (first %s)", got, d1.Scans[0].SOQL.String())
	}
	other := catalog.NewSnapshot()
	if _, err := Translate(`SELECT Id FROM Account WHERE Industry = 'Media'`, other, Settings{}); err == nil {
		t.Error("another snapshot shares a cached plan")
	}
}

// TestErrorPositions: positions point into the user's text, after escape
// rewriting and placeholders.
func TestErrorPositions(t *testing.T) {
	snap := testSnapshot(t)
	cases := []struct{ sql, at string }{
		{`SELECT Id FROM Account WHERE CreatedDate > {ts '2024-01-01 00:00:00'} AND Nmae = 'x'`, "Nmae"},
		{`SELECT Id FROM Account WHERE Name = ? AND Bogus = ?`, "Bogus"},
		{`SELECT {fn UCASE(Nmae)} FROM Account`, "Nmae"},
		{`SELECT Id FROM Acount`, "Acount"},
		{`EXPLAIN SELECT Id FROM Acount`, "Acount"},
		{`SELECT Id FROM Account WHERE CreatedDate > {d '2024-01-01'} AND AND`, "AND Id"[:3]},
		{`SELECT Id FROM Account WHERE LastModifiedDate > NOW()`, "NOW"},
	}
	for _, c := range cases {
		_, err := Translate(c.sql, snap, Settings{})
		pos := -1
		var re *ResolveError
		var ue *UnsupportedError
		var se *SyntaxError
		switch {
		case errors.As(err, &re):
			if !errors.Is(err, ErrUnknownName) || !errors.Is(err, catalog.ErrNotFound) {
				t.Errorf("%s: %v does not match ErrUnknownName and catalog.ErrNotFound", c.sql, err)
			}
			pos = re.Pos
		case errors.As(err, &ue):
			if !errors.Is(err, ErrUnsupported) {
				t.Errorf("%s: %v does not match ErrUnsupported", c.sql, err)
			}
			pos = ue.Pos
		case errors.As(err, &se):
			pos = se.Pos
		default:
			t.Errorf("%s: error %v", c.sql, err)
			continue
		}
		want := strings.LastIndex(c.sql, c.at)
		if pos != want {
			t.Errorf("%s: error at %d, want %d (%v)", c.sql, pos, want, err)
		}
	}
}

func TestModeDetection(t *testing.T) {
	snap := testSnapshot(t)
	cases := []struct {
		sql  string
		mode Mode
		want Mode
	}{
		{`SELECT Id FROM Account`, ModeAuto, ModeSQL},
		{`SELECT Id FROM Account WHERE CreatedDate = LAST_N_DAYS:7`, ModeAuto, ModeSOQL},
		{`SELECT FIELDS(ALL) FROM Account LIMIT 200`, ModeAuto, ModeSOQL},
		{`SELECT FIELDS(STANDARD) FROM Account`, ModeAuto, ModeSOQL},
		{`SELECT TYPEOF What WHEN Account THEN Phone END FROM Task`, ModeAuto, ModeSOQL},
		{`SELECT Name, (SELECT LastName FROM Contacts) FROM Account`, ModeAuto, ModeSOQL},
		{`SELECT Id FROM Account WHERE CreatedDate > 2024-01-01T00:00:00Z`, ModeAuto, ModeSOQL},
		{`SELECT Id FROM Account WHERE Name = 'O\'Brien'`, ModeAuto, ModeSOQL},
		{`SELECT Name, (SELECT COUNT(*) FROM Lead) FROM Account`, ModeAuto, ModeSQL},
		{`SELECT Id FROM Account`, ModeSOQL, ModeSOQL},
		{`SELECT "Id" FROM "Account"`, ModeSQL, ModeSQL},
	}
	for _, c := range cases {
		p, err := Translate(c.sql, snap, Settings{Mode: c.mode})
		if err != nil {
			t.Errorf("%s: %v", c.sql, err)
			continue
		}
		if p.Mode != c.want {
			t.Errorf("%s: mode %s, want %s", c.sql, p.Mode, c.want)
		}
		if c.want == ModeSOQL {
			if want, _ := soql.Parse(c.sql); p.Scans[0].SOQL.String() != want.String() {
				t.Errorf("%s: passthrough changed the statement: %s", c.sql, p.Scans[0].SOQL)
			}
		}
	}
	if _, err := Translate(`SELECT "Id" FROM "Account"`, snap, Settings{Mode: ModeSOQL}); err == nil {
		t.Error("soql mode accepted quoted names")
	}
}

// TestStatementLength: a filter that makes SOQL longer than Salesforce's
// 100,000 characters is refused rather than sent.
func TestStatementLength(t *testing.T) {
	var parts []string
	for i := 0; i < 2000; i++ {
		parts = append(parts, "Name = 'n"+strings.Repeat("y", 40)+strings.Repeat("0", i%7)+"'")
	}
	_, err := Translate("SELECT Id FROM Account WHERE "+strings.Join(parts, " OR "), testSnapshot(t), Settings{})
	var ue *UnsupportedError
	if !errors.As(err, &ue) || !strings.Contains(ue.Construct, "characters (Salesforce takes 100,000)") {
		t.Fatalf("got %v", err)
	}
}

// TestTextHints: the one-pass hints agree with lower-casing the text and
// searching it, over the golden statements and a few edge spellings.
func TestTextHints(t *testing.T) {
	texts := []string{"SELECT Id FROM (SELECT Id FROM Account)", "select FIELDS(ALL) from x", "( SELECT", "(select", "fields", "(",
		"x fields (", "CURRENT_DATE", "current date", "CURRENTXDATE", "LocalTime", "now", "n", "OVER", "ove", "GetDate()", "curdate"}
	for _, c := range loadCases(t) {
		texts = append(texts, c.sql)
	}
	for _, s := range texts {
		lower := strings.ToLower(s)
		want := strings.Contains(lower, "fields(") || strings.Contains(lower, "(select") || strings.Contains(lower, "( select")
		if got := soqlHint(s); got != want {
			t.Errorf("soqlHint(%.60q) = %v, want %v", s, got, want)
		}
		window, clock := textHints(s)
		wantClock := false
		for _, w := range []string{"now", "current_", "localtime", "curdate", "getdate"} {
			wantClock = wantClock || strings.Contains(lower, w)
		}
		if window != strings.Contains(lower, "over") || clock != wantClock {
			t.Errorf("textHints(%.60q) = %v, %v", s, window, clock)
		}
	}
}
