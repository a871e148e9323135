package sfapi

import (
	"context"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"sync"
)

// Usage is the API usage Salesforce reported in Sforce-Limit-Info.
type Usage struct {
	Used, Max       int    // api-usage=Used/Max (daily requests, rolling 24 h)
	AppUsed, AppMax int    // per-app-api-usage, when the connected app has a quota
	AppName         string // the connected app of AppUsed/AppMax
}

// ParseLimitInfo parses a Sforce-Limit-Info header such as
// "api-usage=25/5000; per-app-api-usage=17/250(appName=sample)".
func ParseLimitInfo(h string) (Usage, bool) {
	var u Usage
	found := false
	for _, part := range strings.Split(h, ";") {
		k, v, ok := strings.Cut(strings.TrimSpace(part), "=")
		if !ok {
			continue
		}
		switch strings.TrimSpace(k) {
		case "api-usage":
			if a, b, ok := parseFraction(v); ok {
				u.Used, u.Max, found = a, b, true
			}
		case "per-app-api-usage":
			frac, rest, _ := strings.Cut(v, "(")
			if a, b, ok := parseFraction(frac); ok {
				u.AppUsed, u.AppMax = a, b
				u.AppName = strings.TrimSuffix(strings.TrimPrefix(rest, "appName="), ")")
			}
		}
	}
	return u, found
}

func parseFraction(s string) (int, int, bool) {
	a, b, ok := strings.Cut(strings.TrimSpace(s), "/")
	if !ok {
		return 0, 0, false
	}
	x, err1 := strconv.Atoi(a)
	y, err2 := strconv.Atoi(b)
	return x, y, err1 == nil && err2 == nil && x >= 0 && y > 0
}

// limitState tracks the last reported usage and the budgeted requests in
// flight (sent, not yet answered).
type limitState struct {
	mu       sync.Mutex
	known    bool
	u        Usage
	inflight int
}

// observe records a response's Sforce-Limit-Info. Responses may arrive out
// of order, so the count never goes down within one allowance.
func (l *limitState) observe(h string) {
	if h == "" {
		return
	}
	u, ok := ParseLimitInfo(h)
	if !ok {
		return
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.known && u.Max == l.u.Max && u.Used < l.u.Used {
		u.Used = l.u.Used
	}
	l.u, l.known = u, true
}

// reserve is called before a budgeted request: it fails when sending
// would take usage past the budget (counting requests still in flight),
// and otherwise counts the request in flight until release.
func (l *limitState) reserve(budget float64) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.known && budget > 0 && l.u.Used+l.inflight+1 > budgetCalls(budget, l.u.Max) {
		return &LimitError{Limit: "DailyApiRequests", Used: l.u.Used, Max: l.u.Max, Budget: budget}
	}
	l.inflight++
	return nil
}

func (l *limitState) release() {
	l.mu.Lock()
	l.inflight--
	l.mu.Unlock()
}

func (l *limitState) usage() (used, max int, known bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.u.Used, l.u.Max, l.known
}

// Usage returns the last API usage Salesforce reported (ok false before
// the first response that carried it).
func (c *Client) Usage() (Usage, bool) {
	c.limits.mu.Lock()
	defer c.limits.mu.Unlock()
	return c.limits.u, c.limits.known
}

// Limit is one entry of GET /limits.
type Limit struct {
	Max       int64 `json:"Max"`
	Remaining int64 `json:"Remaining"`
}

// Limits calls GET /limits: every org limit by name (DailyApiRequests,
// DailyBulkV2QueryJobs, …). Sub-entries per app are ignored.
func (c *Client) Limits(ctx context.Context) (map[string]Limit, error) {
	var out map[string]Limit
	err := c.do(ctx, &request{
		kind: "limits", method: http.MethodGet, url: c.restPath("/limits"),
		idempotent: true, auth: true, budget: true,
		handle: func(resp *http.Response) error {
			dec := json.NewDecoder(resp.Body)
			dec.UseNumber()
			return dec.Decode(&out)
		},
	})
	return out, err
}
