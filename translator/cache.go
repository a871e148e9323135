package translator

import (
	"sync"

	"github.com/soqlgate/soqlgate/catalog"
)

// cacheLimit bounds each cache; a full cache is emptied rather than
// managed entry by entry (statements repeat in bursts: a BI dashboard, a
// copy loop).
const cacheLimit = 2048

type prepKey struct {
	sql  string
	mode Mode
}

type planKey struct {
	snap     *catalog.Snapshot
	sql      string
	settings string
}

// cache holds parsed statements by text and plans by (snapshot, text,
// settings). Plans are immutable, so sharing them is safe.
type cache struct {
	mu    sync.Mutex
	preps map[prepKey]*prepared
	plans map[planKey]*Plan
}

var defaultCache = &cache{}

func (c *cache) prep(sql string, mode Mode) (*prepared, bool) {
	c.mu.Lock()
	p, ok := c.preps[prepKey{sql, mode}]
	c.mu.Unlock()
	return p, ok
}

func (c *cache) putPrep(sql string, mode Mode, p *prepared) {
	c.mu.Lock()
	if c.preps == nil || len(c.preps) >= cacheLimit {
		c.preps = make(map[prepKey]*prepared)
	}
	c.preps[prepKey{sql, mode}] = p
	c.mu.Unlock()
}

func (c *cache) plan(k planKey) (*Plan, bool) {
	c.mu.Lock()
	p, ok := c.plans[k]
	c.mu.Unlock()
	return p, ok
}

func (c *cache) putPlan(k planKey, p *Plan) {
	c.mu.Lock()
	if c.plans == nil || len(c.plans) >= cacheLimit {
		c.plans = make(map[planKey]*Plan)
	}
	c.plans[k] = p
	c.mu.Unlock()
}

// reset empties the caches (tests and benchmarks).
func (c *cache) reset() {
	c.mu.Lock()
	c.preps, c.plans = nil, nil
	c.mu.Unlock()
}
