package pgtest

import (
	"context"
	"os"
	"testing"
)

func TestServer(t *testing.T) {
	s := Need(t)
	s.CreateDatabase(t, "pgtest_check")
	c := s.Connect(t, "pgtest_check")
	var version, tz, collate string
	if err := c.QueryRow(context.Background(),
		"SELECT current_setting('server_version_num'), current_setting('TimeZone'), datcollate FROM pg_database WHERE datname = current_database()").
		Scan(&version, &tz, &collate); err != nil {
		t.Fatal(err)
	}
	if version[:2] != "15" {
		t.Errorf("server version %s, want 15", version)
	}
	if tz != "UTC" || collate != "C.UTF-8" {
		t.Errorf("time zone %q collation %q, want UTC and C.UTF-8", tz, collate)
	}
	// byte-wise order: upper case before lower case
	var first string
	if err := c.QueryRow(context.Background(), "SELECT min(x) FROM (VALUES ('b'), ('B'), ('a')) v(x)").Scan(&first); err != nil {
		t.Fatal(err)
	}
	if first != "B" {
		t.Errorf("min = %q, want B (C collation)", first)
	}
	dir := s.dir
	s.Stop()
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Errorf("Stop left %s behind (%v)", dir, err)
	}
	s.Stop() // again: nothing
}

func TestShared(t *testing.T) {
	a := Shared(t)
	b := Shared(t)
	if a != b {
		t.Fatal("Shared started two servers")
	}
	a.CreateDatabase(t, "pgtest_shared")
	var one int
	if err := a.Connect(t, "pgtest_shared").QueryRow(context.Background(), "SELECT 1").Scan(&one); err != nil || one != 1 {
		t.Fatalf("SELECT 1 = %d, %v", one, err)
	}
}

func TestMain(m *testing.M) {
	code := m.Run()
	StopShared()
	os.Exit(code)
}
