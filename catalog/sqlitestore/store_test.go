package sqlitestore

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/soqlgate/soqlgate/catalog"
)

var scope = catalog.Scope{InstanceURL: "https://a.my.salesforce.com", APIVersion: "59.0"}

func TestStoreRoundTrip(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, ":memory:")
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	k := catalog.StoreKey{Scope: scope, Object: "case"}
	if _, _, found, err := s.Load(ctx, k); found || err != nil {
		t.Fatalf("empty store: found=%v %v", found, err)
	}
	at := time.Date(2026, 12, 3, 16, 0, 0, 123e6, time.UTC)
	if err := s.Save(ctx, k, []byte(`{"name":"Case"}`), at); err != nil {
		t.Fatal(err)
	}
	body, got, found, err := s.Load(ctx, k)
	if err != nil || !found || string(body) != `{"name":"Case"}` || !got.Equal(at) {
		t.Fatalf("Load = %s, %v, %v, %v", body, got, found, err)
	}
	// Replace.
	if err := s.Save(ctx, k, []byte(`{"name":"Case","v":2}`), at.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	body, got, _, _ = s.Load(ctx, k)
	if string(body) != `{"name":"Case","v":2}` || !got.Equal(at.Add(time.Hour)) {
		t.Fatalf("after replace: %s %v", body, got)
	}
	// Scope and version separate keys.
	other := catalog.StoreKey{Scope: catalog.Scope{InstanceURL: scope.InstanceURL, APIVersion: "45.0"}, Object: "case"}
	if _, _, found, _ := s.Load(ctx, other); found {
		t.Fatal("other API version found")
	}
	for _, o := range []string{"account", "contact", catalog.GlobalKey} {
		s.Save(ctx, catalog.StoreKey{Scope: scope, Object: o}, []byte("{}"), at)
	}
	s.Save(ctx, other, []byte("{}"), at)
	if err := s.Delete(ctx, scope, "account", "contact"); err != nil {
		t.Fatal(err)
	}
	for o, want := range map[string]bool{"account": false, "contact": false, "case": true, catalog.GlobalKey: true} {
		if _, _, found, _ := s.Load(ctx, catalog.StoreKey{Scope: scope, Object: o}); found != want {
			t.Errorf("%s found=%v after Delete(account, contact)", o, found)
		}
	}
	if err := s.Delete(ctx, scope); err != nil {
		t.Fatal(err)
	}
	if _, _, found, _ := s.Load(ctx, k); found {
		t.Error("case found after deleting the scope")
	}
	if _, _, found, _ := s.Load(ctx, other); !found {
		t.Error("deleting a scope deleted another API version")
	}
}

// TestStoreSurvivesRestart: the point of the package. A cache over a reopened
// file answers without describing.
func TestStoreSurvivesRestart(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "describe.db")
	body, err := os.ReadFile("../testdata/case_describe.json")
	if err != nil {
		t.Fatal(err)
	}
	fetches := 0
	fetch := func(context.Context, string) ([]byte, error) { fetches++; return body, nil }

	s1, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	c1 := catalog.NewCache(catalog.CacheConfig{Store: s1, TTL: time.Hour})
	if _, err := c1.Object(ctx, scope, "Case", fetch); err != nil {
		t.Fatal(err)
	}
	s1.Close()

	s2, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	c2 := catalog.NewCache(catalog.CacheConfig{Store: s2, TTL: time.Hour})
	o, err := c2.Object(ctx, scope, "CASE", fetch)
	if err != nil || o.Name != "Case" || len(o.Fields) != 35 {
		t.Fatalf("after restart: %v, %v", o, err)
	}
	if fetches != 1 || c2.Stats().StoreHits != 1 {
		t.Errorf("%d fetches, stats %+v", fetches, c2.Stats())
	}
}

// TestStoreSchemaVersion: a file of another schema version is recreated,
// not misread.
func TestStoreSchemaVersion(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "describe.db")
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	k := catalog.StoreKey{Scope: scope, Object: "case"}
	s.Save(ctx, k, []byte("{}"), time.Now())
	if _, err := s.db.ExecContext(ctx, "PRAGMA user_version = 99"); err != nil {
		t.Fatal(err)
	}
	s.Close()
	s, err = Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, _, found, err := s.Load(ctx, k); found || err != nil {
		t.Errorf("old-version row survived: found=%v %v", found, err)
	}
}

func TestOpenBadPath(t *testing.T) {
	for _, p := range []string{"", "a?b", filepath.Join(t.TempDir(), "missing-dir", "x.db")} {
		if s, err := Open(context.Background(), p); err == nil {
			s.Close()
			t.Errorf("Open(%q) succeeded", p)
		}
	}
}
