package emulator

import (
	"maps"
	"time"
)

// count adds one request to an endpoint's counter.
func (s *Server) count(endpoint string) {
	s.mu.Lock()
	s.counts[endpoint]++
	s.mu.Unlock()
}

// RequestCounts returns the requests seen per endpoint name ("query",
// "queryMore", "describe", "sobjects", "token", "soap", "limits",
// "resources", "versions", "identity", "revoke"), plus "sessionsIssued"
// and "faults.<kind>" for injected faults.
func (s *Server) RequestCounts() map[string]int {
	_ = s.ready()
	s.mu.Lock()
	defer s.mu.Unlock()
	return maps.Clone(s.counts)
}

// ResetCounters zeroes the request counters and the API calls used today.
func (s *Server) ResetCounters() {
	_ = s.ready()
	s.mu.Lock()
	defer s.mu.Unlock()
	clear(s.counts)
	s.apiUsed = 0
}

// SetLatency changes the delay added to every request.
func (s *Server) SetLatency(d time.Duration) {
	_ = s.ready()
	s.mu.Lock()
	s.latency = d
	s.mu.Unlock()
}

// SetPageSize forces the query page size (0 = honour the batchSize of
// Sforce-Query-Options, default 2000).
func (s *Server) SetPageSize(n int) {
	_ = s.ready()
	s.mu.Lock()
	s.pageSize = n
	s.mu.Unlock()
}

// SetSessionLifetime changes the lifetime of sessions issued from now on
// (0 = 2h).
func (s *Server) SetSessionLifetime(d time.Duration) {
	_ = s.ready()
	if d <= 0 {
		d = defaultSessionLifetime
	}
	s.mu.Lock()
	s.lifetime = d
	s.mu.Unlock()
}

// queryPageSize returns the forced page size, 0 when none is set.
func (s *Server) queryPageSize() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.pageSize
}

// SetHold installs a hook that every authenticated REST request calls, with
// its endpoint name, after authentication and fault injection and before
// its handler: a test can block it there to order concurrent requests
// (nil removes the hook).
func (s *Server) SetHold(hold func(endpoint string)) {
	_ = s.ready()
	s.mu.Lock()
	s.hold = hold
	s.mu.Unlock()
}
