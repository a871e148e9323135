package catalog

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/sync/errgroup"
	"golang.org/x/sync/singleflight"
)

// DefaultTTL is how long a describe is trusted when CacheConfig.TTL is 0.
const DefaultTTL = 15 * time.Minute

// snapshotFanOut caps concurrent describes when assembling a snapshot; the
// API client has its own cap, this only keeps one statement from queueing
// dozens of requests at once.
const snapshotFanOut = 4

// FetchFunc returns the body of GET /sobjects/{object}/describe. The cache
// calls it with a context that is not cancelled when one waiting caller
// gives up, since other callers may be waiting for the same describe.
type FetchFunc func(ctx context.Context, object string) ([]byte, error)

// FetchGlobalFunc returns the body of GET /sobjects (describeGlobal).
type FetchGlobalFunc func(ctx context.Context) ([]byte, error)

// Scope is the org and API version a describe belongs to: the same object
// may differ between orgs and between API versions.
type Scope struct {
	InstanceURL string // "https://na1.salesforce.com"; case and a trailing "/" are ignored
	APIVersion  string // "59.0"; a leading "v" is ignored
}

func (s Scope) normal() Scope {
	return Scope{
		InstanceURL: strings.TrimRight(strings.ToLower(s.InstanceURL), "/"),
		APIVersion:  strings.TrimPrefix(strings.ToLower(s.APIVersion), "v"),
	}
}

// StoreKey names one stored describe body. Object is the case-folded object
// name, or GlobalKey for describeGlobal.
type StoreKey struct {
	Scope
	Object string
}

// GlobalKey is StoreKey.Object for the describeGlobal body; no object has
// this name.
const GlobalKey = "/sobjects"

// Store keeps raw describe bodies across restarts (catalog/sqlitestore is the
// SQLite one). Implementations must be safe for concurrent use.
type Store interface {
	// Load returns the body stored under key and when it was fetched;
	// found is false when nothing is stored.
	Load(ctx context.Context, key StoreKey) (body []byte, fetchedAt time.Time, found bool, err error)
	// Save stores body under key, replacing what was there.
	Save(ctx context.Context, key StoreKey, body []byte, fetchedAt time.Time) error
	// Delete removes the bodies of scope whose object is one of objects, or
	// all of scope's bodies when objects is empty.
	Delete(ctx context.Context, scope Scope, objects ...string) error
}

// CacheConfig configures a Cache.
type CacheConfig struct {
	// TTL is how long a describe is used before it is fetched again; 0 means
	// DefaultTTL.
	TTL time.Duration
	// Store, if set, persists describe bodies so a restart does not describe
	// again. Store errors never fail a lookup: a failed load is a miss, a
	// failed save is counted in Stats.
	Store Store
	// Now is the clock; nil means time.Now. For tests.
	Now func() time.Time
}

// Cache holds parsed describes, keyed by scope and object name, for every
// connection of the process. It is safe for concurrent use.
type Cache struct {
	ttl   time.Duration
	store Store
	now   func() time.Time

	mu      sync.Mutex
	objects map[StoreKey]cached[*Object]
	globals map[Scope]cached[[]ObjectSummary]
	// gen counts Invalidate calls; a describe that started before one is
	// returned to its callers but not kept, and later callers do not join it.
	gen    uint64
	flight singleflight.Group

	hits, storeHits, fetches, storeErrors atomic.Int64
}

type cached[T any] struct {
	v         T
	fetchedAt time.Time
}

// CacheStats counts what the cache did since it was made.
type CacheStats struct {
	Hits        int64 // answered from memory
	StoreHits   int64 // answered from the Store
	Fetches     int64 // describe calls made (one per key however many callers waited)
	StoreErrors int64 // Store loads and saves that failed
}

// NewCache returns an empty cache.
func NewCache(cfg CacheConfig) *Cache {
	c := &Cache{ttl: cfg.TTL, store: cfg.Store, now: cfg.Now,
		objects: make(map[StoreKey]cached[*Object]), globals: make(map[Scope]cached[[]ObjectSummary])}
	if c.ttl <= 0 {
		c.ttl = DefaultTTL
	}
	if c.now == nil {
		c.now = time.Now
	}
	return c
}

// Stats returns the counters.
func (c *Cache) Stats() CacheStats {
	return CacheStats{Hits: c.hits.Load(), StoreHits: c.storeHits.Load(), Fetches: c.fetches.Load(), StoreErrors: c.storeErrors.Load()}
}

func (c *Cache) fresh(fetchedAt time.Time) bool {
	return c.now().Before(fetchedAt.Add(c.ttl))
}

// Object returns the described object name of scope, from memory, the
// Store, or fetch, in that order. Concurrent calls for the same object make
// one fetch.
func (c *Cache) Object(ctx context.Context, scope Scope, name string, fetch FetchFunc) (*Object, error) {
	if name == "" {
		return nil, errors.New("catalog: describe: empty object name")
	}
	key := StoreKey{scope.normal(), fold(name)}
	return lookup(ctx, c, c.objects, key, "o", key,
		func(ctx context.Context) ([]byte, error) { return fetch(ctx, name) },
		func(body []byte) (*Object, error) {
			o, err := ParseDescribe(body)
			if err != nil {
				return nil, fmt.Errorf("catalog: describe %s: %w", name, err)
			}
			return o, nil
		})
}

// Global returns describeGlobal's list for scope, cached like objects.
func (c *Cache) Global(ctx context.Context, scope Scope, fetch FetchGlobalFunc) ([]ObjectSummary, error) {
	sc := scope.normal()
	return lookup(ctx, c, c.globals, sc, "g", StoreKey{sc, GlobalKey}, fetch,
		func(body []byte) ([]ObjectSummary, error) {
			all, err := ParseDescribeGlobal(body)
			if err != nil {
				return nil, fmt.Errorf("catalog: describe global: %w", err)
			}
			return all, nil
		})
}

// lookup returns m[k] when it is fresh; else it loads the body stored under
// key (Store, then fetch) once among concurrent callers (kind keeps objects
// and globals apart), parses it, and keeps the value unless an Invalidate
// happened meanwhile.
func lookup[K comparable, V any](ctx context.Context, c *Cache, m map[K]cached[V], k K, kind string, key StoreKey,
	fetch func(context.Context) ([]byte, error), parse func([]byte) (V, error)) (V, error) {
	c.mu.Lock()
	e, ok := m[k]
	gen := c.gen
	c.mu.Unlock()
	if ok && c.fresh(e.fetchedAt) {
		c.hits.Add(1)
		return e.v, nil
	}
	flight := fmt.Sprintf("%s\x00%d\x00", kind, gen) + key.InstanceURL + "\x00" + key.APIVersion + "\x00" + key.Object
	v, err := c.do(ctx, flight, func(fctx context.Context) (any, error) {
		body, fetchedAt, err := c.load(fctx, key, gen, fetch)
		if err != nil {
			return nil, err
		}
		v, err := parse(body)
		if err != nil {
			return nil, err
		}
		c.mu.Lock()
		if c.gen == gen {
			m[k] = cached[V]{v, fetchedAt}
		}
		c.mu.Unlock()
		return v, nil
	})
	if err != nil {
		var zero V
		return zero, err
	}
	return v.(V), nil
}

// do runs fn once per key among concurrent callers. fn gets a context that
// keeps ctx's values but not its cancellation; each caller stops waiting
// when its own ctx is done.
func (c *Cache) do(ctx context.Context, key string, fn func(context.Context) (any, error)) (any, error) {
	fctx := context.WithoutCancel(ctx)
	ch := c.flight.DoChan(key, func() (any, error) { return fn(fctx) })
	select {
	case r := <-ch:
		return r.Val, r.Err
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// load returns a fresh body from the Store, else fetches one and saves it
// unless an Invalidate happened since generation gen.
func (c *Cache) load(ctx context.Context, key StoreKey, gen uint64, fetch func(context.Context) ([]byte, error)) ([]byte, time.Time, error) {
	if c.store != nil {
		body, at, found, err := c.store.Load(ctx, key)
		if err != nil {
			c.storeErrors.Add(1)
		} else if found && c.fresh(at) {
			c.storeHits.Add(1)
			return body, at, nil
		}
	}
	c.fetches.Add(1)
	at := c.now()
	body, err := fetch(ctx)
	if err != nil {
		return nil, time.Time{}, err
	}
	c.mu.Lock()
	current := c.gen == gen
	c.mu.Unlock()
	if c.store != nil && current {
		if err := c.store.Save(ctx, key, body, at); err != nil {
			c.storeErrors.Add(1)
		}
	}
	return body, at, nil
}

// Snapshot returns a snapshot of the named objects of scope, describing
// those not cached (a few at a time). Names are case-insensitive and may
// repeat. The first error is returned.
func (c *Cache) Snapshot(ctx context.Context, scope Scope, names []string, fetch FetchFunc) (*Snapshot, error) {
	seen := make(map[string]bool, len(names))
	var uniq []string
	for _, n := range names {
		if k := fold(n); !seen[k] {
			seen[k] = true
			uniq = append(uniq, n)
		}
	}
	objs := make([]*Object, len(uniq))
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(snapshotFanOut)
	for i, n := range uniq {
		g.Go(func() error {
			o, err := c.Object(gctx, scope, n, fetch)
			objs[i] = o
			return err
		})
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	return NewSnapshot(objs...), nil
}

// Invalidate forgets the named objects of scope, or everything of scope
// (describeGlobal included) when no name is given, in memory and in the
// Store. Use it after a schema change or an INVALID_FIELD that suggests the
// describe is stale.
func (c *Cache) Invalidate(ctx context.Context, scope Scope, names ...string) error {
	sc := scope.normal()
	folded := make([]string, len(names))
	for i, n := range names {
		folded[i] = fold(n)
	}
	c.mu.Lock()
	c.gen++
	if len(names) == 0 {
		for k := range c.objects {
			if k.Scope == sc {
				delete(c.objects, k)
			}
		}
		delete(c.globals, sc)
	} else {
		for _, n := range folded {
			delete(c.objects, StoreKey{sc, n})
		}
	}
	c.mu.Unlock()
	if c.store != nil {
		if err := c.store.Delete(ctx, sc, folded...); err != nil {
			return fmt.Errorf("catalog: invalidate: %w", err)
		}
	}
	return nil
}
