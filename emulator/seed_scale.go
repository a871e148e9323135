package emulator

import (
	"fmt"
	"strings"
	"time"
)

// Scale generation (--scale N): N Cases with their Contacts (one per two
// cases) and Accounts (one per ten cases), deterministic, written with
// multi-row INSERTs through prepared statements in the seed transaction.

const scaleBatch = 64 // rows per INSERT statement

// batchInserter writes rows of fixed columns, scaleBatch at a time.
type batchInserter struct {
	sd      *seeder
	table   string
	cols    []string
	full    string // the multi-row statement's SQL
	pending []any
	rows    int
}

func (sd *seeder) newBatchInserter(obj string, cols []string) (*batchInserter, error) {
	o := sd.s.schema.object(obj)
	for _, c := range cols {
		if f := o.field(c); f == nil || !f.stored() {
			return nil, fmt.Errorf("emulator: scale: no column %s on %s", c, obj)
		}
	}
	b := &batchInserter{sd: sd, table: obj, cols: cols}
	b.full = b.sql(scaleBatch)
	return b, nil
}

func (b *batchInserter) sql(rows int) string {
	quoted := make([]string, len(b.cols))
	for i, c := range b.cols {
		quoted[i] = quoteIdent(c)
	}
	tuple := "(" + strings.TrimSuffix(strings.Repeat("?,", len(b.cols)), ",") + ")"
	return "INSERT INTO " + quoteIdent(b.table) + " (" + strings.Join(quoted, ",") + ") VALUES " +
		strings.TrimSuffix(strings.Repeat(tuple+",", rows), ",")
}

// add queues one row (values in column order).
func (b *batchInserter) add(vals ...any) error {
	b.pending = append(b.pending, vals...)
	b.rows++
	if b.rows == scaleBatch {
		return b.flush()
	}
	return nil
}

func (b *batchInserter) flush() error {
	if b.rows == 0 {
		return nil
	}
	q := b.full
	if b.rows != scaleBatch {
		q = b.sql(b.rows)
	}
	// The transaction caches prepared statements by text, so the full-batch
	// statement is prepared once.
	stmt, ok := b.sd.stmts[q]
	if !ok {
		var err error
		if stmt, err = b.sd.tx.PrepareContext(b.sd.ctx, q); err != nil {
			return fmt.Errorf("emulator: scale: prepare: %w", err)
		}
		b.sd.stmts[q] = stmt
	}
	if _, err := stmt.ExecContext(b.sd.ctx, b.pending...); err != nil {
		return fmt.Errorf("emulator: scale: insert into %s: %w", b.table, err)
	}
	b.pending = b.pending[:0]
	b.rows = 0
	return nil
}

var (
	scaleFirst    = []string{"James", "Mary", "Robert", "Patricia", "John", "Jennifer", "Michael", "Linda", "David", "Elizabeth", "William", "Barbara", "Richard", "Susan", "Joseph", "Jessica", "Thomas", "Sarah", "Charles", "Karen", "Aiko", "Mateo", "Priya", "Lars", "Fatima", "Chen", "Olga", "Kwame", "Sofia", "Ravi"}
	scaleLast     = []string{"Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez", "Martinez", "Hernandez", "Lopez", "Gonzalez", "Wilson", "Anderson", "Thomas", "Taylor", "Moore", "Jackson", "Martin", "Tanaka", "Silva", "Patel", "Larsen", "Haddad", "Wang", "Ivanova", "Mensah", "Rossi", "Kumar"}
	scaleCompany  = []string{"Acme", "Globex", "Initech", "Umbrella", "Stark", "Wayne", "Wonka", "Tyrell", "Cyberdyne", "Soylent", "Hooli", "Vandelay", "Massive Dynamic", "Oceanic", "Monarch"}
	scaleSuffix   = []string{"Inc.", "LLC", "Corp.", "Ltd", "GmbH", "plc", "Group", "Holdings"}
	scaleCity     = []struct{ city, state, country string }{{"Seattle", "WA", "USA"}, {"Denver", "CO", "USA"}, {"Boston", "MA", "USA"}, {"Atlanta", "GA", "USA"}, {"Toronto", "ON", "Canada"}, {"London", "", "United Kingdom"}, {"Berlin", "", "Germany"}, {"Lyon", "", "France"}, {"Osaka", "", "Japan"}, {"Sydney", "NSW", "Australia"}}
	scaleIndustry = []string{"Energy", "Manufacturing", "Retail", "Technology", "Healthcare", "Transportation", "Utilities", "Construction"}
	scaleStatus   = []string{"New", "Working", "Escalated", "Closed", "Closed", "Closed"}
	scalePriority = []string{"High", "Medium", "Medium", "Low"}
	scaleOrigin   = []string{"Phone", "Email", "Web"}
	scaleType     = []string{"Mechanical", "Electrical", "Electronic", "Structural", "Other"}
	scaleReason   = []string{"Installation", "Equipment Complexity", "Performance", "Breakdown", "Equipment Design", "Feedback", "Other"}
)

// generate writes n cases, n/2 contacts and n/10 accounts (rounded up).
func (sd *seeder) generate(n int) error {
	begin := time.Now()
	nAcc, nCon := (n+9)/10, (n+1)/2
	accIns, err := sd.newBatchInserter("Account", []string{"Id", "Name", "Type", "Industry", "BillingCity", "BillingState",
		"BillingCountry", "Phone", "AnnualRevenue", "NumberOfEmployees", "CustomerId__c", "OwnerId",
		"CreatedDate", "CreatedById", "LastModifiedDate", "LastModifiedById", "SystemModstamp"})
	if err != nil {
		return err
	}
	conIns, err := sd.newBatchInserter("Contact", []string{"Id", "AccountId", "FirstName", "LastName", "Name", "Email",
		"Phone", "Title", "ExternalId__c", "OwnerId", "CreatedDate", "CreatedById", "LastModifiedDate", "LastModifiedById", "SystemModstamp"})
	if err != nil {
		return err
	}
	caseIns, err := sd.newBatchInserter("Case", []string{"Id", "CaseNumber", "AccountId", "ContactId", "Subject", "Status",
		"Priority", "Origin", "Type", "Reason", "IsClosed", "ClosedDate", "IsEscalated", "OwnerId",
		"CreatedDate", "CreatedById", "LastModifiedDate", "LastModifiedById", "SystemModstamp"})
	if err != nil {
		return err
	}
	user := sd.s.org.User.ID
	start := seedEpoch.AddDate(-2, 0, 0)
	accIDs := make([]string, nAcc)
	for i := 0; i < nAcc; i++ {
		id := sd.id("Account")
		accIDs[i] = id
		c := scaleCity[i%len(scaleCity)]
		ts := stamp(start.Add(time.Duration(i) * time.Minute))
		name := fmt.Sprintf("%s %s %d", scaleCompany[i%len(scaleCompany)], scaleSuffix[(i/len(scaleCompany))%len(scaleSuffix)], i+1)
		if err := accIns.add(id, name, "Customer - Direct", scaleIndustry[i%len(scaleIndustry)], c.city, nz(c.state), c.country,
			fmt.Sprintf("(555) %03d-%04d", i%1000, i%10000), float64((i%97+1)*100000), int64(i%5000+10),
			fmt.Sprintf("SCALE-%07d", i+1), user, ts, user, ts, user, ts); err != nil {
			return err
		}
	}
	conIDs := make([]string, nCon)
	for i := 0; i < nCon; i++ {
		id := sd.id("Contact")
		conIDs[i] = id
		first, last := scaleFirst[i%len(scaleFirst)], scaleLast[(i/len(scaleFirst))%len(scaleLast)]
		ts := stamp(start.Add(time.Duration(i)*time.Minute + 30*time.Second))
		if err := conIns.add(id, accIDs[i/5], first, last, first+" "+last,
			fmt.Sprintf("%s.%s.%d@example.com", lower(first), lower(last), i+1), fmt.Sprintf("(555) 200-%04d", i%10000),
			"Customer Contact", fmt.Sprintf("SCON-%07d", i+1), user, ts, user, ts, user, ts); err != nil {
			return err
		}
	}
	base := int(sd.next["Case"])
	for i := 0; i < n; i++ {
		id := sd.id("Case")
		opened := start.Add(time.Duration(i) * 7 * time.Minute)
		ts := stamp(opened)
		status := scaleStatus[i%len(scaleStatus)]
		closed, closedAt := 0, any(nil)
		if status == "Closed" {
			closed, closedAt = 1, stamp(opened.Add(time.Duration(i%72+1)*time.Hour))
		}
		escalated := 0
		if status == "Escalated" {
			escalated = 1
		}
		typ := scaleType[i%len(scaleType)]
		if err := caseIns.add(id, caseNumber(1000+base+i+1), accIDs[i/10], conIDs[i/2],
			fmt.Sprintf("%s issue #%d reported by customer", typ, i+1), status, scalePriority[i%len(scalePriority)],
			scaleOrigin[i%len(scaleOrigin)], typ, scaleReason[i%len(scaleReason)], closed, closedAt, escalated, user,
			ts, user, ts, user, ts); err != nil {
			return err
		}
	}
	for _, b := range []*batchInserter{accIns, conIns, caseIns} {
		if err := b.flush(); err != nil {
			return err
		}
	}
	sd.s.scaleStats = seedStats{rows: nAcc + nCon + n, elapsed: time.Since(begin)}
	return nil
}

// seedStats measures the --scale generation (BenchmarkSeedScale).
type seedStats struct {
	rows    int
	elapsed time.Duration
}
