package emulator

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Scale generation (--scale N): N Cases with their Contacts (one per two
// cases) and Accounts (one per ten cases), deterministic, written with
// multi-row INSERTs through prepared statements in the seed transaction.

const scaleBatch = 256 // rows per INSERT statement

// batchInserter writes rows of fixed columns, scaleBatch at a time.
// Columns whose value is the same in every row (the owner, the creator)
// are SQL literals rather than parameters: binding is most of the cost.
type batchInserter struct {
	sd      *seeder
	table   string
	cols    []string    // bound per row, in add's order
	consts  [][2]string // column, SQL literal
	full    string      // the multi-row statement's SQL
	pending []any
	rows    int
}

func (sd *seeder) newBatchInserter(obj string, cols []string, consts map[string]string) (*batchInserter, error) {
	o := sd.s.schema.object(obj)
	b := &batchInserter{sd: sd, table: obj, cols: cols}
	for _, c := range cols {
		if f := o.field(c); f == nil || !f.stored() {
			return nil, fmt.Errorf("emulator: scale: no column %s on %s", c, obj)
		}
	}
	for _, f := range o.Fields { // describe order: the SQL text is deterministic
		if v, ok := consts[f.Name]; ok {
			b.consts = append(b.consts, [2]string{f.Name, "'" + strings.ReplaceAll(v, "'", "''") + "'"})
		}
	}
	if len(b.consts) != len(consts) {
		return nil, fmt.Errorf("emulator: scale: unknown constant column on %s", obj)
	}
	b.full = b.sql(scaleBatch)
	return b, nil
}

// sql is the INSERT of rows rows. (Numbered parameters, which would let
// LastModifiedDate reuse CreatedDate's, make modernc's binding quadratic in
// the parameter count: plain ? it is.)
func (b *batchInserter) sql(rows int) string {
	var names, tuple []string
	for _, c := range b.cols {
		names = append(names, quoteIdent(c))
		tuple = append(tuple, "?")
	}
	for _, c := range b.consts {
		names = append(names, quoteIdent(c[0]))
		tuple = append(tuple, c[1])
	}
	t := "(" + strings.Join(tuple, ",") + ")"
	return "INSERT INTO " + quoteIdent(b.table) + " (" + strings.Join(names, ",") + ") VALUES " +
		strings.TrimSuffix(strings.Repeat(t+",", rows), ",")
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
	user := sd.s.org.User.ID
	byUser := map[string]string{"OwnerId": user, "CreatedById": user, "LastModifiedById": user}
	with := func(m map[string]string, kv ...string) map[string]string {
		out := map[string]string{}
		for k, v := range m {
			out[k] = v
		}
		for i := 0; i+1 < len(kv); i += 2 {
			out[kv[i]] = kv[i+1]
		}
		return out
	}
	accIns, err := sd.newBatchInserter("Account", []string{"Id", "Name", "Industry", "BillingCity", "BillingState",
		"BillingCountry", "Phone", "AnnualRevenue", "NumberOfEmployees", "CustomerId__c",
		"CreatedDate", "LastModifiedDate", "SystemModstamp"}, with(byUser, "Type", "Customer - Direct"))
	if err != nil {
		return err
	}
	conIns, err := sd.newBatchInserter("Contact", []string{"Id", "AccountId", "FirstName", "LastName", "Name", "Email",
		"Phone", "ExternalId__c", "CreatedDate", "LastModifiedDate", "SystemModstamp"}, with(byUser, "Title", "Customer Contact"))
	if err != nil {
		return err
	}
	caseIns, err := sd.newBatchInserter("Case", []string{"Id", "CaseNumber", "AccountId", "ContactId", "Subject", "Status",
		"Priority", "Origin", "Type", "Reason", "IsClosed", "ClosedDate", "IsEscalated",
		"CreatedDate", "LastModifiedDate", "SystemModstamp"}, byUser)
	if err != nil {
		return err
	}
	start := seedEpoch.AddDate(-2, 0, 0)
	accIDs := make([]string, nAcc)
	for i := 0; i < nAcc; i++ {
		id := sd.id("Account")
		accIDs[i] = id
		c := scaleCity[i%len(scaleCity)]
		ts := stamp(start.Add(time.Duration(i) * time.Minute))
		name := fmt.Sprintf("%s %s %d", scaleCompany[i%len(scaleCompany)], scaleSuffix[(i/len(scaleCompany))%len(scaleSuffix)], i+1)
		if err := accIns.add(id, name, scaleIndustry[i%len(scaleIndustry)], c.city, nz(c.state), c.country,
			fmt.Sprintf("(555) %03d-%04d", i%1000, i%10000), float64((i%97+1)*100000), int64(i%5000+10),
			"SCALE-"+pad(i+1, 7), ts, ts, ts); err != nil {
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
			lower(first)+"."+lower(last)+"."+strconv.Itoa(i+1)+"@example.com", "(555) 200-"+pad(i%10000, 4),
			"SCON-"+pad(i+1, 7), ts, ts, ts); err != nil {
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
			typ+" issue #"+strconv.Itoa(i+1)+" reported by customer", status, scalePriority[i%len(scalePriority)],
			scaleOrigin[i%len(scaleOrigin)], typ, scaleReason[i%len(scaleReason)], closed, closedAt, escalated,
			ts, ts, ts); err != nil {
			return err
		}
	}
	for _, b := range []*batchInserter{accIns, conIns, caseIns} {
		if err := b.flush(); err != nil {
			return err
		}
	}
	sd.s.scaleStats = seedStats{rows: nAcc + nCon + n, generating: time.Since(begin)}
	return nil
}

// seedStats measures the --scale generation (BenchmarkSeedScale): the rows
// generated, the time to write them and the time to index the org after.
type seedStats struct {
	rows       int
	generating time.Duration
	indexing   time.Duration
}
