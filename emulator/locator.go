package emulator

import (
	"context"
	"crypto/rand"
	"database/sql"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"time"
	"weak"
)

// Query locators are server-side cursors: the locator names the compiled
// query and the position of the next row, and a page is read from there
// instead of holding rows in memory: in Id order by keyset (Id > the last
// one served), in any other order from the cursor's snapshot, the result's
// Ids numbered once in the query's order into a table of the store.

// maxOpenCursors bounds memory. Real orgs drop the oldest cursor beyond 10
// per user; the emulator keeps more so that parallel test clients sharing
// the demo user do not trip over each other.
const maxOpenCursors = 1000

// serverLocators holds each Server's cursors, keyed by a weak pointer to
// the Server (so that the query code needs no field in the Server struct);
// the entry goes when the Server is collected.
var serverLocators sync.Map // weak.Pointer[Server] → *locatorStore

func (s *Server) locators() *locatorStore {
	key := weak.Make(s)
	if l, ok := serverLocators.Load(key); ok {
		return l.(*locatorStore)
	}
	l, loaded := serverLocators.LoadOrStore(key, &locatorStore{})
	if !loaded {
		runtime.AddCleanup(s, func(k weak.Pointer[Server]) { serverLocators.Delete(k) }, key)
	}
	return l.(*locatorStore)
}

// cursor is the state behind one locator.
type cursor struct {
	id       string // 18-char 01g… id, "" until a second page is needed
	plan     *queryPlan
	pageSize int
	total    int
	all      bool
	expires  time.Time

	// next and lastID let the page at next continue by keyset (Id > lastID)
	// when the plan is ordered by Id alone.
	mu     sync.Mutex
	next   int
	lastID string

	snapshot bool // its ordered Ids are in the cursor table
}

type locatorStore struct {
	mu      sync.Mutex
	cursors map[string]*cursor
	order   []string // creation order, oldest first

	initOnce sync.Once
	initErr  error

	// clock is the time source of locator expiry (and of date literals);
	// nil means time.Now. Tests set it to move time deterministically.
	clock func() time.Time
}

func (l *locatorStore) now() time.Time {
	l.mu.Lock()
	clock := l.clock
	l.mu.Unlock()
	if clock == nil {
		return time.Now()
	}
	return clock()
}

// init creates the snapshot table, empty (a data file may hold the
// snapshots of an earlier run).
func (l *locatorStore) init(ctx context.Context, db *sql.DB) error {
	l.initOnce.Do(func() {
		_, l.initErr = db.ExecContext(ctx, "CREATE TABLE IF NOT EXISTS "+cursorTable+
			" (cursor TEXT NOT NULL, pos INTEGER NOT NULL, id TEXT NOT NULL, PRIMARY KEY (cursor, pos)) WITHOUT ROWID")
		if l.initErr == nil {
			_, l.initErr = db.ExecContext(ctx, "DELETE FROM "+cursorTable)
		}
	})
	return l.initErr
}

// newLocatorID returns an 18-char id with the 01g key prefix.
func newLocatorID() string {
	var raw [12]byte
	if _, err := rand.Read(raw[:]); err != nil {
		panic("emulator: crypto/rand: " + err.Error())
	}
	b := []byte("01g")
	for _, r := range raw {
		b = append(b, base62[int(r)%len(base62)])
	}
	return string(b) + idChecksum(string(b))
}

// put registers a cursor; cursors past their lifetime, and the oldest ones
// beyond maxOpenCursors, are dropped with their snapshots.
func (l *locatorStore) put(db *sql.DB, c *cursor, lifetime time.Duration, now time.Time) {
	l.mu.Lock()
	if l.cursors == nil {
		l.cursors = map[string]*cursor{}
	}
	dropped := l.expireLocked(now)
	for len(l.order) >= maxOpenCursors {
		if old := l.cursors[l.order[0]]; old != nil {
			dropped = append(dropped, old)
			delete(l.cursors, l.order[0])
		}
		l.order = l.order[1:]
	}
	c.expires = now.Add(lifetime)
	l.cursors[c.id] = c
	l.order = append(l.order, c.id)
	l.mu.Unlock()
	dropSnapshots(db, dropped)
}

func (l *locatorStore) expireLocked(now time.Time) []*cursor {
	var dropped []*cursor
	kept := l.order[:0]
	for _, id := range l.order {
		c := l.cursors[id]
		if c == nil {
			continue
		}
		if now.After(c.expires) {
			delete(l.cursors, id)
			dropped = append(dropped, c)
			continue
		}
		kept = append(kept, id)
	}
	l.order = kept
	return dropped
}

// dropSnapshots deletes the snapshot rows of dropped cursors. A failure
// only leaves rows no locator can reach, so it is not reported.
func dropSnapshots(db *sql.DB, dropped []*cursor) {
	for _, c := range dropped {
		if c.snapshot {
			_, _ = db.ExecContext(context.Background(), "DELETE FROM "+cursorTable+" WHERE cursor = ?", c.id)
		}
	}
}

// get finds the cursor of locator "<id>-<offset>" and extends its life; the
// offset must name a row of the result.
func (l *locatorStore) get(db *sql.DB, locator string, lifetime time.Duration, now time.Time) (*cursor, int, bool) {
	id, off, found := strings.Cut(locator, "-")
	if !found {
		return nil, 0, false
	}
	n, err := strconv.Atoi(off)
	if err != nil || n <= 0 {
		return nil, 0, false
	}
	l.mu.Lock()
	dropped := l.expireLocked(now)
	c := l.cursors[id]
	if c != nil && n < c.total {
		c.expires = now.Add(lifetime)
	}
	l.mu.Unlock()
	dropSnapshots(db, dropped)
	if c == nil || n >= c.total {
		return nil, 0, false
	}
	return c, n, true
}
