package emulator

import (
	"runtime"
	"testing"
	"time"
	"weak"
)

// A Server's cursors do not outlive it.
func TestLocatorStoreFollowsServer(t *testing.T) {
	s, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	s.locators().put(s.db, &cursor{id: newLocatorID(), total: 1}, time.Minute, time.Now())
	key := weak.Make(s)
	if _, ok := serverLocators.Load(key); !ok {
		t.Fatal("no store")
	}
	s.Close()
	s = nil
	for i := 0; i < 50; i++ {
		runtime.GC()
		time.Sleep(10 * time.Millisecond)
		if _, ok := serverLocators.Load(key); !ok {
			return
		}
	}
	t.Error("the store of a collected Server is still held")
}

func TestLocatorIDs(t *testing.T) {
	seen := map[string]bool{}
	for i := 0; i < 1000; i++ {
		id := newLocatorID()
		if len(id) != 18 || id[:3] != "01g" || seen[id] {
			t.Fatalf("locator id %q", id)
		}
		if c, ok := canonicalID(id); !ok || c != id {
			t.Fatalf("%q is not a canonical 18-char id", id)
		}
		seen[id] = true
	}
}
