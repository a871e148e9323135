package sfapi_test

import (
	"context"
	"sort"
	"testing"

	"github.com/soqlgate/soqlgate/emulator"
	"github.com/soqlgate/soqlgate/internal/sfapi"
)

// TestBulk2ResultPagesReadInParallel lists a job's result pages and reads
// each on its own: together they hold every record exactly once, the same
// as the sequential locator walk.
func TestBulk2ResultPagesReadInParallel(t *testing.T) {
	o := newOrg(t, emulator.Options{Seed: "demo", Scale: 2500})
	c := o.client(t, func(c *sfapi.Config) { c.PollInterval = 20e6 })
	ctx := context.Background()
	job, err := c.CreateQueryJob(ctx, "SELECT Id, Subject FROM Case", false)
	if err != nil {
		t.Fatal(recordErr(err))
	}
	if _, err := c.WaitQueryJob(ctx, job.ID); err != nil {
		t.Fatal(recordErr(err))
	}
	read := func(r *sfapi.Bulk2Results) []string {
		defer r.Close()
		var ids []string
		for r.Next() {
			ids = append(ids, r.Record()[0])
		}
		if err := r.Err(); err != nil {
			t.Fatal(recordErr(err))
		}
		return ids
	}
	seq, err := c.QueryJobResults(ctx, job.ID, 1000)
	if err != nil {
		t.Fatal(recordErr(err))
	}
	want := read(seq)

	links, err := c.QueryJobResultPages(ctx, job.ID, 1000)
	if err != nil {
		t.Fatal(recordErr(err))
	}
	if wantPages := (len(want) + 999) / 1000; len(links) != wantPages {
		t.Fatalf("%d result pages, want %d: %v", len(links), wantPages, links)
	}
	got := make([][]string, len(links))
	done := make(chan int)
	for i, l := range links {
		go func() {
			r, err := c.QueryJobResultsPage(ctx, l)
			if err != nil {
				t.Error(recordErr(err))
				done <- i
				return
			}
			got[i] = read(r)
			done <- i
		}()
	}
	for range links {
		<-done
	}
	var all []string
	for i, ids := range got {
		if i < len(got)-1 && len(ids) != 1000 {
			t.Errorf("page %d has %d records, want 1000", i, len(ids))
		}
		all = append(all, ids...)
	}
	sort.Strings(all)
	sort.Strings(want)
	if len(all) != len(want) {
		t.Fatalf("pages hold %d records, the sequential read %d", len(all), len(want))
	}
	for i := range all {
		if all[i] != want[i] {
			t.Fatalf("record %d: %s vs %s", i, all[i], want[i])
		}
	}
	if _, err := c.QueryJobResultsPage(ctx, "/services/data/v45.0/sobjects/Account"); err == nil {
		t.Error("a URL that is not a result page was accepted")
	}
}
