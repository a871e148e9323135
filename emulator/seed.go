package emulator

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// seedEpoch is the demo org's "now": every seeded timestamp is derived from
// it, so the data is the same on every run.
var seedEpoch = time.Date(2026, 1, 5, 9, 0, 0, 0, time.UTC)

// seeder inserts records in one transaction, numbering ids per key prefix.
type seeder struct {
	ctx   context.Context
	tx    *sql.Tx
	s     *Server
	ins   map[string]*inserter
	next  map[string]int64
	stmts map[string]*sql.Stmt // prepared multi-row INSERTs of the scale generator
}

func (s *Server) newSeeder(ctx context.Context, tx *sql.Tx) *seeder {
	return &seeder{ctx: ctx, tx: tx, s: s, ins: map[string]*inserter{}, next: map[string]int64{}, stmts: map[string]*sql.Stmt{}}
}

// id allocates the next id of an object.
func (sd *seeder) id(obj string) string {
	o := sd.s.schema.object(obj)
	sd.next[obj]++
	return newID(o.KeyPrefix, sd.next[obj])
}

// insert adds a record; Id is allocated unless given, audit fields default
// to the demo user at the given time.
func (sd *seeder) insert(obj string, at time.Time, r row) (string, error) {
	in := sd.ins[obj]
	if in == nil {
		var err error
		in, err = newInserter(sd.ctx, sd.tx, sd.s.schema.object(obj))
		if err != nil {
			return "", err
		}
		sd.ins[obj] = in
	}
	if _, ok := r["Id"]; !ok {
		r["Id"] = sd.id(obj)
	}
	ts := stamp(at)
	user := sd.s.org.User.ID
	for _, k := range []string{"CreatedDate", "LastModifiedDate", "SystemModstamp"} {
		if _, ok := in.idx[k]; ok {
			if _, given := r[k]; !given {
				r[k] = ts
			}
		}
	}
	for _, k := range []string{"CreatedById", "LastModifiedById"} {
		if _, ok := in.idx[k]; ok {
			if _, given := r[k]; !given {
				r[k] = user
			}
		}
	}
	if _, ok := in.idx["OwnerId"]; ok {
		if _, given := r["OwnerId"]; !given {
			r["OwnerId"] = user
		}
	}
	return r["Id"].(string), in.insert(sd.ctx, r)
}

func (sd *seeder) close() {
	for _, in := range sd.ins {
		in.close()
	}
	for _, st := range sd.stmts {
		st.Close()
	}
	clear(sd.ins)
	clear(sd.stmts)
}

// storedDateTime is the storage form of datetimes (text order = time order).
const storedDateTime = "2006-01-02T15:04:05.000Z"

// stamp formats a stored datetime (storedDateTime: UTC, always
// milliseconds). Written by hand: the scale generator calls it for every row.
func stamp(t time.Time) string {
	t = t.UTC()
	y, mo, d := t.Date()
	h, mi, sec := t.Clock()
	ms := t.Nanosecond() / 1e6
	b := make([]byte, 0, 24)
	b = append(b, byte('0'+y/1000), byte('0'+y/100%10), byte('0'+y/10%10), byte('0'+y%10), '-',
		byte('0'+int(mo)/10), byte('0'+int(mo)%10), '-', byte('0'+d/10), byte('0'+d%10), 'T',
		byte('0'+h/10), byte('0'+h%10), ':', byte('0'+mi/10), byte('0'+mi%10), ':', byte('0'+sec/10), byte('0'+sec%10), '.',
		byte('0'+ms/100), byte('0'+ms/10%10), byte('0'+ms%10), 'Z')
	return string(b)
}

// day formats a stored date.
func day(t time.Time) string { return t.UTC().Format("2006-01-02") }

// seed writes the org: always the Organization and the demo user; with
// Seed "demo" the demo data (and Scale generated cases).
func (s *Server) seed(ctx context.Context) error {
	// The seed runs on the connection the server keeps. In memory it runs
	// without a rollback journal: a failed seed fails New, and the org is
	// discarded anyway. (A WAL file keeps its journal: leaving WAL needs
	// exclusive access.)
	if s.opts.DataPath == "" || s.opts.DataPath == ":memory:" {
		var journal string
		if err := s.keep.QueryRowContext(ctx, "PRAGMA journal_mode").Scan(&journal); err != nil {
			return fmt.Errorf("emulator: seed: %w", err)
		}
		if _, err := s.keep.ExecContext(ctx, "PRAGMA journal_mode=OFF"); err != nil {
			return fmt.Errorf("emulator: seed: %w", err)
		}
		defer s.keep.ExecContext(ctx, "PRAGMA journal_mode="+journal)
	}
	tx, err := s.keep.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("emulator: seed: %w", err)
	}
	defer tx.Rollback()
	sd := s.newSeeder(ctx, tx)
	defer sd.close()
	if err := sd.base(); err != nil {
		return err
	}
	if s.opts.Seed == "demo" {
		if err := sd.demo(); err != nil {
			return err
		}
		if s.opts.Scale > 0 {
			if err := sd.generate(s.opts.Scale); err != nil {
				return err
			}
		}
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO _soqlgate_org (key, value) VALUES ('seed', ?), ('scale', ?)`, s.opts.Seed, s.opts.Scale); err != nil {
		return fmt.Errorf("emulator: seed: %w", err)
	}
	sd.close()
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("emulator: seed: %w", err)
	}
	return s.seedExt(ctx)
}

// base writes what every org has: the Organization row and the demo user.
func (sd *seeder) base() error {
	org := sd.s.org
	created := seedEpoch.AddDate(0, -6, 0)
	u := org.User
	if _, err := sd.insert("User", created, row{
		"Id": u.ID, "Username": u.Username, "FirstName": u.FirstName, "LastName": u.LastName,
		"Name": u.FirstName + " " + u.LastName, "Email": u.Email, "Alias": "demo", "CommunityNickname": "demo",
		"IsActive": true, "TimeZoneSidKey": "America/Los_Angeles", "LocaleSidKey": "en_US",
		"EmailEncodingKey": "UTF-8", "LanguageLocaleKey": "en_US", "UserType": "Standard",
		"CompanyName": org.Name, "Title": "Administrator", "LastLoginDate": stamp(seedEpoch),
	}); err != nil {
		return err
	}
	sd.next["User"] = 1
	_, err := sd.insert("Organization", created, row{
		"Id": org.ID, "Name": org.Name, "Country": "US", "PrimaryContact": u.FirstName + " " + u.LastName,
		"DefaultLocaleSidKey": "en_US", "TimeZoneSidKey": "America/Los_Angeles", "LanguageLocaleKey": "en_US",
		"ReceivesInfoEmails": true, "ReceivesAdminInfoEmails": true,
		"PreferencesConsentManagementEnabled": true, "PreferencesLightningLoginEnabled": true,
		"FiscalYearStartMonth": 1, "DefaultAccountAccess": "Edit", "DefaultContactAccess": "ControlledByParent",
		"DefaultOpportunityAccess": "Edit", "DefaultLeadAccess": "ReadEditTransfer", "DefaultCaseAccess": "ReadEditTransfer",
		"DefaultCalendarAccess": "HideDetailsInsert", "DefaultPricebookAccess": "ReadSelect", "DefaultCampaignAccess": "All",
		"UiSkin": "Theme3", "SignupCountryIsoCode": "US", "NumKnowledgeService": 2, "OrganizationType": "Developer Edition",
		"InstanceName": "LOCAL", "IsSandbox": false, "WebToCaseDefaultOrigin": "Web",
		"MonthlyPageViewsUsed": 0, "MonthlyPageViewsEntitlement": 0, "IsReadOnly": false,
	})
	return err
}
