package localsql

import (
	"context"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/soqlgate/soqlgate/catalog"
)

// BenchmarkResidueJoin is the engine's residue path end to end: two
// pushed-down scans of unrelated objects (100k Accounts, 10k Leads) are
// streamed into row sets, joined locally on Account.Name = Lead.Company
// (sql-dialect §3 case 43) or on lower() of both (an expression join), and
// the result streamed out. It reports input rows per second and the
// process's peak resident memory.
func BenchmarkResidueJoin(b *testing.B) {
	b.Run("column", func(b *testing.B) {
		benchResidueJoin(b, `SELECT a.Name, l.LastName, a.AnnualRevenue FROM Account a JOIN Lead l ON a.Name = l.Company ORDER BY a.Id, l.Id`)
	})
	b.Run("expression", func(b *testing.B) {
		benchResidueJoin(b, `SELECT a.Name, l.LastName, a.AnnualRevenue FROM Account a JOIN Lead l ON lower(a.Name) = lower(l.Company) ORDER BY a.Id, l.Id`)
	})
}

func benchResidueJoin(b *testing.B, query string) {
	const nAccounts, nLeads = 100_000, 10_000
	accCols := []Column{{"Id", Varchar(18)}, {"Name", Varchar(255)}, {"AnnualRevenue", Numeric(18, 2)}, {"CreatedDate", TTimestamptz}}
	leadCols := []Column{{"Id", Varchar(18)}, {"Company", Varchar(255)}, {"LastName", Varchar(80)}}
	base := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	resetPeakRSS()
	var outRows int64
	start := time.Now()
	for i := 0; i < b.N; i++ {
		ctx := context.Background()
		db, err := Open(Options{RowBudget: 500_000})
		if err != nil {
			b.Fatal(err)
		}
		n := 0
		if _, err := db.LoadRowSet(ctx, "Account", accCols, func() ([]any, error) {
			if n >= nAccounts {
				return nil, io.EOF
			}
			n++
			return []any{fmt.Sprintf("001%015d", n), "Company " + strconv.Itoa(n%50_000), decimal.New(int64(n)*137, -2), base.Add(time.Duration(n) * time.Minute)}, nil
		}); err != nil {
			b.Fatal(err)
		}
		m := 0
		if _, err := db.LoadRowSet(ctx, "Lead", leadCols, func() ([]any, error) {
			if m >= nLeads {
				return nil, io.EOF
			}
			m++
			return []any{fmt.Sprintf("00Q%015d", m), "Company " + strconv.Itoa(m*7), "Lead" + strconv.Itoa(m)}, nil
		}); err != nil {
			b.Fatal(err)
		}
		rows, err := db.Query(ctx, query)
		if err != nil {
			b.Fatal(err)
		}
		for rows.Next() {
			outRows++
		}
		if err := rows.Err(); err != nil {
			b.Fatal(err)
		}
		rows.Close()
		db.Close()
	}
	elapsed := time.Since(start).Seconds()
	b.ReportMetric(float64(b.N*(nAccounts+nLeads))/elapsed, "input-rows/s")
	b.ReportMetric(float64(outRows)/elapsed, "output-rows/s")
	if peak := peakRSSMiB(); peak > 0 {
		b.ReportMetric(peak, "peak-RSS-MiB")
	}
}

// resetPeakRSS resets the kernel's high-water mark of resident memory
// (Linux; elsewhere a no-op, and peakRSSMiB reports 0).
func resetPeakRSS() { os.WriteFile("/proc/self/clear_refs", []byte("5"), 0) }

func peakRSSMiB() float64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(line, "VmHWM:") {
			f := strings.Fields(line)
			kb, _ := strconv.ParseFloat(f[1], 64)
			return kb / 1024
		}
	}
	return 0
}

// largeSnapshot is an org of nObjects custom objects with nFields fields
// each, one in ten a lookup.
func largeSnapshot(nObjects, nFields int) *catalog.Snapshot {
	var objs []*catalog.Object
	for i := 0; i < nObjects; i++ {
		o := &catalog.Object{Name: fmt.Sprintf("Obj%d__c", i), Label: "Object"}
		o.Fields = append(o.Fields, &catalog.Field{Name: "Id", Type: catalog.TypeID})
		for j := 0; j < nFields; j++ {
			f := &catalog.Field{Name: fmt.Sprintf("F%d__c", j), Label: "Field", Type: catalog.TypeString, Length: 80, Nillable: true}
			if j%10 == 0 {
				f.Type = catalog.TypeReference
				f.ReferenceTo = []string{fmt.Sprintf("Obj%d__c", (i+j)%nObjects)}
			}
			o.Fields = append(o.Fields, f)
		}
		objs = append(objs, o)
	}
	return catalog.NewSnapshot(objs...)
}

// BenchmarkCatalogLargeOrg builds the catalog of a 600-object org (73k
// columns) and answers a client's column lookup from information_schema.
func BenchmarkCatalogLargeOrg(b *testing.B) {
	snap := largeSnapshot(600, 120)
	ctx := context.Background()
	for i := 0; i < b.N; i++ {
		db, err := Open(Options{})
		if err != nil {
			b.Fatal(err)
		}
		start := time.Now()
		if err := db.LoadCatalog(ctx, snap); err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(time.Since(start).Seconds()*1000, "build-ms")
		start = time.Now()
		res, err := localQuery(ctx, db, `SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'obj5__c' ORDER BY ordinal_position`)
		if err != nil || len(res.rows) != 121 {
			b.Fatalf("%v, %d rows", err, len(res.rows))
		}
		b.ReportMetric(time.Since(start).Seconds()*1000, "columns-query-ms")
		db.Close()
	}
}
