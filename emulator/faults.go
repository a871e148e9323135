package emulator

import (
	"fmt"
	"math/rand/v2"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// FaultKind is the failure a Fault injects.
type FaultKind int

const (
	Fault503             FaultKind = iota + 1 // HTTP 503 SERVER_UNAVAILABLE
	FaultReset                                // the TCP connection is reset, no response
	FaultConcurrentLimit                      // 403 REQUEST_LIMIT_EXCEEDED (concurrent long-running requests)
	FaultDailyLimit                           // 403 REQUEST_LIMIT_EXCEEDED (daily API requests)
	FaultInvalidSession                       // 401 INVALID_SESSION_ID
)

var faultNames = map[FaultKind]string{
	Fault503: "503", FaultReset: "reset", FaultConcurrentLimit: "concurrentLimit",
	FaultDailyLimit: "dailyLimit", FaultInvalidSession: "invalidSession",
}

func (k FaultKind) String() string {
	if n, ok := faultNames[k]; ok {
		return n
	}
	return fmt.Sprintf("FaultKind(%d)", int(k))
}

// ParseFault reads a fault written endpoint:kind:rate[:count], e.g.
// "query:503:0.1" or "*:reset:1:2" (kinds: 503, reset, concurrentLimit,
// dailyLimit, invalidSession).
func ParseFault(s string) (Fault, error) {
	parts := strings.Split(s, ":")
	if len(parts) < 3 || len(parts) > 4 {
		return Fault{}, fmt.Errorf("emulator: fault %q: want endpoint:kind:rate[:count]", s)
	}
	kind, ok := parseFaultKind(parts[1])
	if !ok {
		return Fault{}, fmt.Errorf("emulator: fault %q: unknown kind %q", s, parts[1])
	}
	rate, err := strconv.ParseFloat(parts[2], 64)
	if err != nil || rate < 0 || rate > 1 {
		return Fault{}, fmt.Errorf("emulator: fault %q: rate must be a number in 0..1", s)
	}
	f := Fault{Endpoint: parts[0], Kind: kind, Rate: rate}
	if len(parts) == 4 {
		if f.Count, err = strconv.Atoi(parts[3]); err != nil || f.Count < 0 {
			return Fault{}, fmt.Errorf("emulator: fault %q: count must be a non-negative integer", s)
		}
	}
	if f.Endpoint == "" {
		return Fault{}, fmt.Errorf("emulator: fault %q: no endpoint", s)
	}
	return f, nil
}

// parseFaultKind reads the names String returns.
func parseFaultKind(s string) (FaultKind, bool) {
	for k, n := range faultNames {
		if n == s {
			return k, true
		}
	}
	return 0, false
}

// Fault injects a failure into requests to an endpoint: "query",
// "queryMore", "describe", "token", "soap", "sobjects", "limits",
// "resources", "versions", "identity" or "*" (every endpoint).
type Fault struct {
	Endpoint string
	Kind     FaultKind
	Rate     float64 // 0..1: probability per request (1 = every request)
	Count    int     // max injections, 0 = unlimited
}

type faultState struct {
	Fault
	rng      *rand.Rand
	injected int
}

// faultSeed seeds every fault's generator, so a test sees the same
// sequence of injections on every run.
const faultSeed = 0x50_51_4c_67

// InjectFault adds a fault. Faults are checked in the order they were
// added; the first that fires answers the request.
func (s *Server) InjectFault(f Fault) {
	_ = s.ready()
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = append(s.faults, &faultState{Fault: f, rng: rand.New(rand.NewPCG(faultSeed, uint64(len(s.faults))))})
}

// ClearFaults removes every fault.
func (s *Server) ClearFaults() {
	_ = s.ready()
	s.mu.Lock()
	s.faults = nil
	s.mu.Unlock()
}

// faultStyle is how an endpoint family writes errors.
type faultStyle int

const (
	faultREST faultStyle = iota
	faultSOAP
	faultOAuth
)

// injectFault fires the first matching fault, writing its response; it
// reports whether the request was answered.
func (s *Server) injectFault(w http.ResponseWriter, r *http.Request, endpoint string, style faultStyle) bool {
	kind := s.pickFault(endpoint)
	if kind == 0 {
		return false
	}
	s.logf("emulator: injecting fault %s into %s %s", kind, r.Method, r.URL.Path)
	switch kind {
	case FaultReset:
		resetConnection(w)
		return true
	case Fault503:
		switch style {
		case faultSOAP:
			writeSOAPFault(w, http.StatusServiceUnavailable, "SERVER_UNAVAILABLE", msgUnavailable, "")
		default:
			writeAPIError(w, http.StatusServiceUnavailable, "SERVER_UNAVAILABLE", msgUnavailable)
		}
	case FaultConcurrentLimit, FaultDailyLimit:
		msg := msgConcurrent
		if kind == FaultDailyLimit {
			msg = msgDailyLimit
		}
		switch style {
		case faultSOAP:
			if kind == FaultConcurrentLimit {
				msg = "ConcurrentRequests (Concurrent API Requests) Limit exceeded."
			}
			writeSOAPFault(w, http.StatusInternalServerError, "REQUEST_LIMIT_EXCEEDED", msg, "")
		case faultOAuth:
			writeJSON(w, http.StatusBadRequest, oauthError{"invalid_request", "REQUEST_LIMIT_EXCEEDED: " + msg})
		default:
			writeAPIError(w, http.StatusForbidden, "REQUEST_LIMIT_EXCEEDED", msg)
		}
	case FaultInvalidSession:
		switch style {
		case faultSOAP:
			writeSOAPFault(w, http.StatusInternalServerError, "INVALID_SESSION_ID", "Invalid Session ID found in SessionHeader: Illegal Session", "UnexpectedErrorFault")
		case faultOAuth:
			writeJSON(w, http.StatusBadRequest, oauthError{"invalid_grant", "expired access/refresh token"})
		default:
			invalidSession(w)
		}
	}
	return true
}

func (s *Server) pickFault(endpoint string) FaultKind {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, f := range s.faults {
		if f.Endpoint != "*" && f.Endpoint != endpoint {
			continue
		}
		if f.Count > 0 && f.injected >= f.Count {
			continue
		}
		if f.rng.Float64() >= f.Rate {
			continue
		}
		f.injected++
		s.counts["faults."+f.Kind.String()]++
		return f.Kind
	}
	return 0
}

// resetConnection closes the client's TCP connection with RST (linger 0)
// and no response. Without a hijackable connection (HTTP/2, a recorder) it
// aborts the handler, which also drops the response.
func resetConnection(w http.ResponseWriter) {
	hj, ok := w.(http.Hijacker)
	if !ok {
		panic(http.ErrAbortHandler)
	}
	conn, _, err := hj.Hijack()
	if err != nil {
		panic(http.ErrAbortHandler)
	}
	if tc, ok := conn.(*net.TCPConn); ok {
		_ = tc.SetLinger(0)
	}
	_ = conn.SetDeadline(time.Now())
	conn.Close()
}
