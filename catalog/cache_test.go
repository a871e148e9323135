package catalog

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// fakeOrg serves describe bodies from testdata and counts the calls.
type fakeOrg struct {
	t      *testing.T
	bodies map[string][]byte // folded object name → body
	calls  atomic.Int64
	gate   chan struct{} // when set, each fetch waits for it
}

func newFakeOrg(t *testing.T) *fakeOrg {
	return &fakeOrg{t: t, bodies: map[string][]byte{
		"case":          readTestdata(t, "case_describe.json"),
		"every_type__c": readTestdata(t, "every_type_describe.json"),
		"whizbang":      readTestdata(t, "restforce_whizbang_describe.json"),
		"broken":        []byte(`{"name":"Broken"}`),
	}}
}

var errNotFound = errors.New("NOT_FOUND: The requested resource does not exist")

func (f *fakeOrg) fetch(ctx context.Context, object string) ([]byte, error) {
	f.calls.Add(1)
	if f.gate != nil {
		select {
		case <-f.gate:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	b, ok := f.bodies[fold(object)]
	if !ok {
		return nil, errNotFound
	}
	return b, nil
}

type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) advance(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

var orgA = Scope{InstanceURL: "https://a.my.salesforce.com", APIVersion: "59.0"}

func TestCacheTTL(t *testing.T) {
	org := newFakeOrg(t)
	clk := &clock{t: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	c := NewCache(CacheConfig{TTL: time.Minute, Now: clk.now})
	ctx := context.Background()

	o1, err := c.Object(ctx, orgA, "Case", org.fetch)
	if err != nil || o1.Name != "Case" {
		t.Fatalf("Object = %v, %v", o1, err)
	}
	// Same object, any case, another spelling of the same scope: no fetch.
	same := Scope{InstanceURL: "HTTPS://a.my.salesforce.com/", APIVersion: "v59.0"}
	o2, err := c.Object(ctx, same, "CASE", org.fetch)
	if err != nil || o2 != o1 || org.calls.Load() != 1 {
		t.Fatalf("second lookup: %p vs %p, %v, %d calls", o2, o1, err, org.calls.Load())
	}
	// Another API version is another describe.
	if _, err := c.Object(ctx, Scope{orgA.InstanceURL, "45.0"}, "Case", org.fetch); err != nil || org.calls.Load() != 2 {
		t.Fatalf("other version: %v, %d calls", err, org.calls.Load())
	}
	clk.advance(59 * time.Second)
	if _, err := c.Object(ctx, orgA, "case", org.fetch); err != nil || org.calls.Load() != 2 {
		t.Fatalf("before TTL: %v, %d calls", err, org.calls.Load())
	}
	clk.advance(time.Second)
	o3, err := c.Object(ctx, orgA, "case", org.fetch)
	if err != nil || o3 == o1 || org.calls.Load() != 3 {
		t.Fatalf("after TTL: same=%v, %v, %d calls", o3 == o1, err, org.calls.Load())
	}
	if got := c.Stats(); got != (CacheStats{Hits: 2, Fetches: 3}) {
		t.Errorf("Stats = %+v", got)
	}
}

func TestCacheErrorsAreNotCached(t *testing.T) {
	org := newFakeOrg(t)
	c := NewCache(CacheConfig{})
	ctx := context.Background()
	for i := 1; i <= 2; i++ {
		if _, err := c.Object(ctx, orgA, "Acount", org.fetch); !errors.Is(err, errNotFound) {
			t.Fatalf("unknown object: %v", err)
		}
		if org.calls.Load() != int64(i) {
			t.Fatalf("%d calls after %d lookups", org.calls.Load(), i)
		}
	}
	_, err := c.Object(ctx, orgA, "broken", org.fetch)
	if !errors.Is(err, ErrInvalidDescribe) || err.Error() != "catalog: describe broken: catalog: invalid describe: Broken has no fields list" {
		t.Fatalf("broken describe: %v", err)
	}
	if _, err := c.Object(ctx, orgA, "", org.fetch); err == nil {
		t.Fatal("empty name accepted")
	}
}

// TestCacheSingleflight: many connections missing the same object at once
// make one describe call.
func TestCacheSingleflight(t *testing.T) {
	org := newFakeOrg(t)
	org.gate = make(chan struct{})
	c := NewCache(CacheConfig{})
	const n = 20
	var wg sync.WaitGroup
	results := make([]*Object, n)
	errs := make([]error, n)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			results[i], errs[i] = c.Object(context.Background(), orgA, []string{"Case", "case", "CASE"}[i%3], org.fetch)
		}()
	}
	// Let the goroutines reach the cache, then release the one fetch.
	for org.calls.Load() == 0 {
		time.Sleep(time.Millisecond)
	}
	time.Sleep(20 * time.Millisecond)
	close(org.gate)
	wg.Wait()
	for i := range n {
		if errs[i] != nil || results[i] != results[0] {
			t.Fatalf("caller %d: %v, %p vs %p", i, errs[i], results[i], results[0])
		}
	}
	if got := org.calls.Load(); got != 1 {
		t.Errorf("%d fetches, want 1", got)
	}
}

// TestCacheCallerCancel: a caller giving up does not cancel the describe
// other callers wait for.
func TestCacheCallerCancel(t *testing.T) {
	org := newFakeOrg(t)
	org.gate = make(chan struct{})
	c := NewCache(CacheConfig{})
	ctx1, cancel := context.WithCancel(context.Background())
	done1 := make(chan error, 1)
	go func() {
		_, err := c.Object(ctx1, orgA, "Case", org.fetch)
		done1 <- err
	}()
	for org.calls.Load() == 0 {
		time.Sleep(time.Millisecond)
	}
	done2 := make(chan error, 1)
	go func() {
		_, err := c.Object(context.Background(), orgA, "Case", org.fetch)
		done2 <- err
	}()
	cancel()
	if err := <-done1; !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled caller: %v", err)
	}
	close(org.gate)
	if err := <-done2; err != nil {
		t.Fatalf("other caller: %v", err)
	}
	if org.calls.Load() != 1 {
		t.Errorf("%d fetches", org.calls.Load())
	}
}

func TestCacheSnapshot(t *testing.T) {
	org := newFakeOrg(t)
	c := NewCache(CacheConfig{})
	ctx := context.Background()
	s, err := c.Snapshot(ctx, orgA, []string{"case", "Every_Type__c", "CASE", "whizbang"}, org.fetch)
	if err != nil {
		t.Fatal(err)
	}
	if got := fmt.Sprint(s.Names()); got != "[Case Every_Type__c Whizbang]" || org.calls.Load() != 3 {
		t.Errorf("Names = %s, %d calls", got, org.calls.Load())
	}
	f, err := s.Field("every_type__c", "col_currency__c")
	if err != nil || f.SQL.Name != "numeric(16,2)" {
		t.Errorf("Field = %v, %v", f, err)
	}
	// A second snapshot sharing objects describes nothing new.
	s2, err := c.Snapshot(ctx, orgA, []string{"Whizbang", "Case"}, org.fetch)
	if err != nil || s2.Len() != 2 || org.calls.Load() != 3 {
		t.Errorf("second snapshot: %v, %d calls", err, org.calls.Load())
	}
	if _, err := c.Snapshot(ctx, orgA, []string{"Case", "Nope__c"}, org.fetch); !errors.Is(err, errNotFound) {
		t.Errorf("snapshot with an unknown object: %v", err)
	}
	empty, err := c.Snapshot(ctx, orgA, nil, org.fetch)
	if err != nil || empty.Len() != 0 {
		t.Errorf("empty snapshot: %v, %v", empty, err)
	}
}

func TestCacheGlobal(t *testing.T) {
	calls := 0
	fetch := func(context.Context) ([]byte, error) {
		calls++
		return readTestdata(t, "describe_global.json"), nil
	}
	c := NewCache(CacheConfig{})
	for range 2 {
		all, err := c.Global(context.Background(), orgA, fetch)
		if err != nil || len(all) != 110 || all[3].Name != "Case" {
			t.Fatalf("Global = %d, %v", len(all), err)
		}
	}
	if calls != 1 {
		t.Errorf("%d fetches", calls)
	}
	// Suggestions for an unknown object come from the global list.
	names := make([]string, 0, 110)
	all, _ := c.Global(context.Background(), orgA, fetch)
	for _, s := range all {
		names = append(names, s.Name)
	}
	if got := Suggest("Acount", names); got != "Account" {
		t.Errorf("Suggest(Acount) = %q", got)
	}
}

func TestCacheInvalidate(t *testing.T) {
	org := newFakeOrg(t)
	store := newMemStore()
	c := NewCache(CacheConfig{Store: store})
	ctx := context.Background()
	for _, n := range []string{"Case", "Whizbang"} {
		if _, err := c.Object(ctx, orgA, n, org.fetch); err != nil {
			t.Fatal(err)
		}
	}
	if err := c.Invalidate(ctx, orgA, "CASE"); err != nil {
		t.Fatal(err)
	}
	if len(store.m) != 1 {
		t.Errorf("store holds %d bodies after invalidating one of two", len(store.m))
	}
	c.Object(ctx, orgA, "Whizbang", org.fetch)
	c.Object(ctx, orgA, "Case", org.fetch)
	if org.calls.Load() != 3 {
		t.Errorf("%d fetches, want 3", org.calls.Load())
	}
	if err := c.Invalidate(ctx, orgA); err != nil {
		t.Fatal(err)
	}
	if len(store.m) != 0 {
		t.Errorf("store holds %d bodies after invalidating the scope", len(store.m))
	}
	c.Object(ctx, orgA, "Whizbang", org.fetch)
	if org.calls.Load() != 4 {
		t.Errorf("%d fetches, want 4", org.calls.Load())
	}
}

// TestCacheStore: a new cache (a restarted process) over the same store does
// not describe again while the stored body is within the TTL.
func TestCacheStore(t *testing.T) {
	org := newFakeOrg(t)
	store := newMemStore()
	clk := &clock{t: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	ctx := context.Background()
	c1 := NewCache(CacheConfig{Store: store, TTL: time.Hour, Now: clk.now})
	if _, err := c1.Object(ctx, orgA, "Case", org.fetch); err != nil {
		t.Fatal(err)
	}
	clk.advance(30 * time.Minute)
	c2 := NewCache(CacheConfig{Store: store, TTL: time.Hour, Now: clk.now})
	o, err := c2.Object(ctx, orgA, "case", org.fetch)
	if err != nil || o.Name != "Case" || org.calls.Load() != 1 {
		t.Fatalf("restarted: %v, %d fetches", err, org.calls.Load())
	}
	if got := c2.Stats(); got != (CacheStats{StoreHits: 1}) {
		t.Errorf("Stats = %+v", got)
	}
	// The stored time counts, not the time it was loaded.
	clk.advance(30 * time.Minute)
	if _, err := c2.Object(ctx, orgA, "case", org.fetch); err != nil || org.calls.Load() != 2 {
		t.Fatalf("expired: %v, %d fetches", err, org.calls.Load())
	}

	// A failing store never fails a lookup.
	bad := newMemStore()
	bad.fail = true
	c3 := NewCache(CacheConfig{Store: bad})
	if _, err := c3.Object(ctx, orgA, "Case", org.fetch); err != nil {
		t.Fatal(err)
	}
	if got := c3.Stats(); got != (CacheStats{Fetches: 1, StoreErrors: 2}) {
		t.Errorf("Stats = %+v", got)
	}
}

type memStore struct {
	mu   sync.Mutex
	m    map[StoreKey]memEntry
	fail bool
}

type memEntry struct {
	body []byte
	at   time.Time
}

func newMemStore() *memStore { return &memStore{m: map[StoreKey]memEntry{}} }

func (s *memStore) Load(_ context.Context, k StoreKey) ([]byte, time.Time, bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.fail {
		return nil, time.Time{}, false, errors.New("disk on fire")
	}
	e, ok := s.m[k]
	return e.body, e.at, ok, nil
}

func (s *memStore) Save(_ context.Context, k StoreKey, body []byte, at time.Time) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.fail {
		return errors.New("disk on fire")
	}
	s.m[k] = memEntry{body, at}
	return nil
}

func (s *memStore) Delete(_ context.Context, sc Scope, objects ...string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	for k := range s.m {
		if k.Scope != sc {
			continue
		}
		if len(objects) == 0 {
			delete(s.m, k)
		}
		for _, o := range objects {
			if k.Object == o {
				delete(s.m, k)
			}
		}
	}
	return nil
}

// TestCacheInvalidateDuringFetch: a describe in flight when Invalidate is
// called answers its callers but is not kept, in memory or in the store.
func TestCacheInvalidateDuringFetch(t *testing.T) {
	org := newFakeOrg(t)
	org.gate = make(chan struct{})
	store := newMemStore()
	c := NewCache(CacheConfig{Store: store})
	ctx := context.Background()
	done := make(chan error, 1)
	go func() {
		_, err := c.Object(ctx, orgA, "Case", org.fetch)
		done <- err
	}()
	for org.calls.Load() == 0 {
		time.Sleep(time.Millisecond)
	}
	if err := c.Invalidate(ctx, orgA, "Case"); err != nil {
		t.Fatal(err)
	}
	close(org.gate)
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if len(store.m) != 0 {
		t.Errorf("store kept a describe fetched before Invalidate")
	}
	if _, err := c.Object(ctx, orgA, "Case", org.fetch); err != nil || org.calls.Load() != 2 {
		t.Errorf("after: %v, %d fetches; want a new describe", err, org.calls.Load())
	}
}
