package emulator

import (
	"context"
	"testing"
	"time"
)

func TestLocatorRoundTrip(t *testing.T) {
	if got := encodeLocator(10000); got != "MTAwMDA" {
		t.Fatalf("encodeLocator(10000) = %q, want the recorded MTAwMDA", got)
	}
	for _, off := range []int{0, 1, 2, 1999, 10000} {
		got, ok := decodeLocator(encodeLocator(off), 10000)
		if !ok || got != off {
			t.Errorf("decodeLocator(encodeLocator(%d)) = %d, %v", off, got, ok)
		}
	}
	for _, bad := range []string{"", "null", "MTAwMDA=", "!!", encodeLocator(10001), encodeLocator(-1), "YWJj"} {
		if off, ok := decodeLocator(bad, 10000); ok {
			t.Errorf("decodeLocator(%q) accepted, offset %d", bad, off)
		}
	}
}

func TestBulkResultSlices(t *testing.T) {
	cols := []bulkColumn{{Name: "Id", Type: "id"}, {Name: "N", Type: "int"}}
	r := newBulkResult(cols, defaultCSV)
	for i := range 3 {
		r.addCSV(defaultCSV, []any{"x", int64(i)})
	}
	if r.rows() != 3 {
		t.Fatalf("rows = %d", r.rows())
	}
	if got := string(r.header) + string(r.slice(1, 3)); got != "\"Id\",\"N\"\n\"x\",\"1\"\n\"x\",\"2\"\n" {
		t.Errorf("page = %q", got)
	}
	if got := string(r.slice(3, 3)); got != "" {
		t.Errorf("empty page = %q", got)
	}
}

// TestJobStoreStopWaitsForRunners: stopping a job cancels its runner and
// returns only once the runner has gone, so RunningJobs is 0 right after.
func TestJobStoreStopWaitsForRunners(t *testing.T) {
	st := newJobStore()
	j := &bulkJob{id: "750000000000001AAA", v2: true, state: stateUploadComplete}
	st.add(j)
	started := make(chan struct{})
	exited := make(chan struct{})
	st.spawn(j, func(ctx context.Context) {
		close(started)
		<-ctx.Done()
		time.Sleep(20 * time.Millisecond) // a runner that takes a moment to unwind
		close(exited)
	})
	<-started
	if n := st.running(); n != 1 {
		t.Fatalf("running = %d, want 1", n)
	}
	begin := time.Now()
	st.stop(j, stateAborted)
	select {
	case <-exited:
	default:
		t.Fatal("stop returned before the runner exited")
	}
	if d := time.Since(begin); d > time.Second {
		t.Errorf("stop took %v", d)
	}
	if n := st.running(); n != 0 {
		t.Errorf("running after stop = %d, want 0", n)
	}
	if j.state != stateAborted {
		t.Errorf("state = %q", j.state)
	}
	// A job with no runner but an in-flight state still counts.
	k := &bulkJob{id: "750000000000002AAA", batches: []*bulkBatch{{state: batchQueued}}}
	st.add(k)
	if n := st.running(); n != 1 {
		t.Errorf("running with a queued batch = %d, want 1", n)
	}
	st.stop(k, stateAborted)
	if k.batches[0].state != batchNotProcessed || st.running() != 0 {
		t.Errorf("aborted Bulk 1.0 job: batch %q, running %d", k.batches[0].state, st.running())
	}
	if !st.remove(j.id) || st.get(j.id) != nil || st.get(k.id[:15]) != k {
		t.Error("remove/get by 15-char id")
	}
	st.closeAll()
}
