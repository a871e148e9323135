package emulator

import (
	"crypto/rand"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Query locators are server-side cursors: the locator names the compiled
// query and the position of the next row, so a page is produced by running
// the query again from that position (keyset on Id where the order allows it,
// OFFSET otherwise) instead of holding rows in memory.

// maxOpenCursors bounds memory. Real orgs drop the oldest cursor beyond 10
// per user; the emulator keeps more so that parallel test clients sharing
// the demo user do not trip over each other.
const maxOpenCursors = 1000

// serverLocators holds each Server's cursors (keyed by *Server), so that the
// query code needs no field in the core's Server struct.
var serverLocators sync.Map

func (s *Server) locators() *locatorStore {
	if l, ok := serverLocators.Load(s); ok {
		return l.(*locatorStore)
	}
	l, _ := serverLocators.LoadOrStore(s, &locatorStore{})
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
}

type locatorStore struct {
	mu      sync.Mutex
	cursors map[string]*cursor
	order   []string // creation order, oldest first
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

func (l *locatorStore) put(c *cursor, lifetime time.Duration, now time.Time) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.cursors == nil {
		l.cursors = map[string]*cursor{}
	}
	l.expireLocked(now)
	for len(l.order) >= maxOpenCursors {
		delete(l.cursors, l.order[0])
		l.order = l.order[1:]
	}
	c.expires = now.Add(lifetime)
	l.cursors[c.id] = c
	l.order = append(l.order, c.id)
}

func (l *locatorStore) expireLocked(now time.Time) {
	kept := l.order[:0]
	for _, id := range l.order {
		c := l.cursors[id]
		if c == nil {
			continue
		}
		if now.After(c.expires) {
			delete(l.cursors, id)
			continue
		}
		kept = append(kept, id)
	}
	l.order = kept
}

// get finds the cursor of locator "<id>-<offset>" and extends its life; the
// offset must name a row of the result.
func (l *locatorStore) get(locator string, lifetime time.Duration, now time.Time) (*cursor, int, bool) {
	id, off, found := strings.Cut(locator, "-")
	if !found {
		return nil, 0, false
	}
	n, err := strconv.Atoi(off)
	if err != nil || n <= 0 {
		return nil, 0, false
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	c := l.cursors[id]
	if c == nil {
		return nil, 0, false
	}
	if now.After(c.expires) {
		l.expireLocked(now)
		return nil, 0, false
	}
	if n >= c.total {
		return nil, 0, false
	}
	c.expires = now.Add(lifetime)
	return c, n, true
}
