package emulator

import "net/http"

// Placeholder until the query engineer's first commit: the handlers of
// /query, /queryAll and /query/<locator> live here (query.go belongs to the
// query engineer from then on). Until then they fail loudly.

func (s *Server) handleQuery(w http.ResponseWriter, r *http.Request, all bool) {
	writeAPIError(w, http.StatusNotImplemented, "NOT_IMPLEMENTED", "soqlgate emulator: query is not implemented yet")
}

func (s *Server) handleQueryMore(w http.ResponseWriter, r *http.Request, locator string) {
	writeAPIError(w, http.StatusNotImplemented, "NOT_IMPLEMENTED", "soqlgate emulator: queryMore is not implemented yet")
}
