package conformance

import (
	"context"
	"errors"
	"testing"
	"time"

	sfdriver "github.com/soqlgate/soqlgate/driver"
	"github.com/soqlgate/soqlgate/emulator"
)

// waitNoJobs waits up to a second for the org to have no Bulk job running.
func waitNoJobs(t *testing.T, srv *emulator.Server) {
	t.Helper()
	deadline := time.Now().Add(time.Second)
	for srv.RunningJobs() > 0 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if n := srv.RunningJobs(); n > 0 {
		t.Errorf("%d Bulk jobs still running after the statement ended", n)
	}
}

// Cancelling a Bulk read while the job is still running returns at once
// and aborts the job.
func TestCancelWhileBulkJobRuns(t *testing.T) {
	h := NewEmulatorHarness()
	t.Cleanup(func() { h.Close() })
	db := h.NewTarget(t)
	if err := db.Ping(); err != nil {
		t.Fatal(err)
	}
	srv := h.Emulator()
	srv.SetBulkDelay(30 * time.Second) // the job stays queued / in progress for 30 s
	t.Cleanup(func() { srv.SetBulkDelay(100 * time.Millisecond) })

	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(300*time.Millisecond, cancel)
	begin := time.Now()
	rows, err := db.QueryContext(ctx, `SELECT "Id", "Subject" FROM "Case"`, sfdriver.API("bulk"))
	elapsed := time.Since(begin)
	if err == nil {
		rows.Close()
		t.Fatal("the query returned rows although its job could not have completed")
	}
	if !errors.Is(err, context.Canceled) {
		t.Errorf("error %v, want context.Canceled", err)
	}
	if elapsed > 2*time.Second {
		t.Errorf("cancelled query returned after %s, want promptly (< 2s)", elapsed)
	}
	t.Logf("returned %s after the start (cancel at 300ms): %v", elapsed.Round(time.Millisecond), err)
	waitNoJobs(t, srv)
}

// Cancelling in the middle of reading a Bulk job's results stops the rows
// promptly and leaves nothing running.
func TestCancelDuringBulkResults(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a 20,000-case org")
	}
	h := &EmulatorHarness{Options: emulator.Options{Seed: "demo", Scale: 20000}}
	t.Cleanup(func() { h.Close() })
	db := h.NewTargetWith(t, func(c *sfdriver.Config) { c.API = sfdriver.APIBulk })
	srv := h.Emulator()

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	rows, err := db.QueryContext(ctx, `SELECT "Id", "Subject", "Status" FROM "Case"`)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for rows.Next() {
		if n++; n == 100 {
			break
		}
	}
	cancel()
	begin := time.Now()
	for rows.Next() {
		n++
	}
	elapsed := time.Since(begin)
	if err := rows.Err(); !errors.Is(err, context.Canceled) {
		t.Errorf("rows.Err() = %v, want context.Canceled", err)
	}
	if err := rows.Close(); err != nil {
		t.Errorf("Close: %v", err)
	}
	if n >= 20025 {
		t.Errorf("read all %d rows despite the cancel", n)
	}
	if elapsed > time.Second {
		t.Errorf("rows ended %s after the cancel, want promptly", elapsed)
	}
	waitNoJobs(t, srv)
}
