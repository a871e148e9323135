package emulator

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"time"
)

// The knobs over HTTP, for tests that run the emulator in another process.
// JSON in, JSON out; errors are the REST error envelope.
//
//	POST   /__emulator/faults           {"endpoint":"query","kind":"503","rate":1,"count":2} (or an array)
//	DELETE /__emulator/faults
//	GET    /__emulator/counters         {"requests":{"query":3,…},"apiUsed":5,"apiMax":15000}
//	POST   /__emulator/reset-counters
//	POST   /__emulator/expire-sessions
//	POST   /__emulator/settings         {"latency":"10ms","pageSize":200,"dailyApiLimit":100,"sessionLifetime":"1m"}
//
// Fault kinds: "503", "reset", "concurrentLimit", "dailyLimit", "invalidSession".
func (s *Server) serveKnobs(w http.ResponseWriter, r *http.Request) {
	name := strings.TrimPrefix(r.URL.Path, "/__emulator/")
	ok := map[string]bool{"ok": true}
	route := func(methods ...string) bool {
		if !allowed(methods, r.Method) {
			methodNotAllowed(w, r, methods)
			return false
		}
		return true
	}
	switch name {
	case "faults":
		if !route("POST", "DELETE") {
			return
		}
		if r.Method == "DELETE" {
			s.ClearFaults()
			writeJSON(w, http.StatusOK, ok)
			return
		}
		faults, err := decodeFaults(r)
		if err != nil {
			writeAPIError(w, http.StatusBadRequest, "JSON_PARSER_ERROR", "soqlgate emulator: "+err.Error())
			return
		}
		for _, f := range faults {
			s.InjectFault(f)
		}
		writeJSON(w, http.StatusOK, ok)
	case "counters":
		if !route("GET") {
			return
		}
		used, max := s.APIUsage()
		writeJSON(w, http.StatusOK, struct {
			Requests map[string]int `json:"requests"`
			APIUsed  int            `json:"apiUsed"`
			APIMax   int            `json:"apiMax"`
			Running  int            `json:"runningJobs"`
		}{s.RequestCounts(), used, max, s.RunningJobs()})
	case "reset-counters":
		if route("POST") {
			s.ResetCounters()
			writeJSON(w, http.StatusOK, ok)
		}
	case "expire-sessions":
		if route("POST") {
			s.ExpireSessions()
			writeJSON(w, http.StatusOK, ok)
		}
	case "settings":
		if !route("POST") {
			return
		}
		if err := s.applySettings(r); err != nil {
			writeAPIError(w, http.StatusBadRequest, "JSON_PARSER_ERROR", "soqlgate emulator: "+err.Error())
			return
		}
		writeJSON(w, http.StatusOK, ok)
	default:
		notFound(w)
	}
}

type faultJSON struct {
	Endpoint string  `json:"endpoint"`
	Kind     string  `json:"kind"`
	Rate     float64 `json:"rate"`
	Count    int     `json:"count"`
}

func decodeFaults(r *http.Request) ([]Fault, error) {
	var body bytes.Buffer
	if _, err := body.ReadFrom(r.Body); err != nil {
		return nil, err
	}
	var list []faultJSON
	trimmed := bytes.TrimSpace(body.Bytes())
	if len(trimmed) > 0 && trimmed[0] == '[' {
		if err := strictDecode(trimmed, &list); err != nil {
			return nil, err
		}
	} else {
		var one faultJSON
		if err := strictDecode(trimmed, &one); err != nil {
			return nil, err
		}
		list = []faultJSON{one}
	}
	out := make([]Fault, 0, len(list))
	for _, f := range list {
		kind, ok := parseFaultKind(f.Kind)
		if !ok {
			return nil, fmt.Errorf("unknown fault kind %q", f.Kind)
		}
		if f.Endpoint == "" {
			return nil, fmt.Errorf("fault without endpoint")
		}
		if f.Rate < 0 || f.Rate > 1 {
			return nil, fmt.Errorf("fault rate %v outside 0..1", f.Rate)
		}
		out = append(out, Fault{Endpoint: f.Endpoint, Kind: kind, Rate: f.Rate, Count: f.Count})
	}
	return out, nil
}

func strictDecode(b []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	return dec.Decode(v)
}

func (s *Server) applySettings(r *http.Request) error {
	var body bytes.Buffer
	if _, err := body.ReadFrom(r.Body); err != nil {
		return err
	}
	var set struct {
		Latency         *string `json:"latency"`
		PageSize        *int    `json:"pageSize"`
		DailyAPILimit   *int    `json:"dailyApiLimit"`
		SessionLifetime *string `json:"sessionLifetime"`
	}
	if err := strictDecode(body.Bytes(), &set); err != nil {
		return err
	}
	var latency, lifetime time.Duration
	var err error
	if set.Latency != nil {
		if latency, err = time.ParseDuration(*set.Latency); err != nil {
			return err
		}
	}
	if set.SessionLifetime != nil {
		if lifetime, err = time.ParseDuration(*set.SessionLifetime); err != nil {
			return err
		}
	}
	if set.PageSize != nil && *set.PageSize < 0 {
		return fmt.Errorf("negative page size")
	}
	if set.Latency != nil {
		s.SetLatency(latency)
	}
	if set.SessionLifetime != nil {
		s.SetSessionLifetime(lifetime)
	}
	if set.PageSize != nil {
		s.SetPageSize(*set.PageSize)
	}
	if set.DailyAPILimit != nil {
		s.SetDailyAPILimit(*set.DailyAPILimit)
	}
	return nil
}
