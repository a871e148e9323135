package emulator

import (
	"bytes"
	"encoding/json"
	"net/http"
)

const contentJSON = "application/json;charset=UTF-8"

// apiError is one element of the REST error envelope. Field order is the
// wire order: message, errorCode, [fields].
type apiError struct {
	Message   string   `json:"message"`
	ErrorCode string   `json:"errorCode"`
	Fields    []string `json:"fields,omitempty"`
}

// writeAPIError writes the REST error envelope [{"message":…,"errorCode":…}]
// (with "fields" when given) as application/json;charset=UTF-8.
func writeAPIError(w http.ResponseWriter, status int, code, message string, fields ...string) {
	writeJSON(w, status, []apiError{{Message: message, ErrorCode: code, Fields: fields}})
}

// writeJSON writes v as compact JSON without HTML escaping (Salesforce
// writes "&" and "<" literally).
func writeJSON(w http.ResponseWriter, status int, v any) {
	writeRawJSON(w, status, marshalJSON(v))
}

// marshalJSON encodes v compactly, without HTML escaping and without a
// trailing newline. It panics only on values no handler produces (channels,
// functions), which is a bug in the emulator.
func marshalJSON(v any) []byte {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		panic("emulator: encode response: " + err.Error())
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n"))
}

// writeRawJSON writes an already-encoded JSON document.
func writeRawJSON(w http.ResponseWriter, status int, body []byte) {
	w.Header().Set("Content-Type", contentJSON)
	w.WriteHeader(status)
	_, _ = w.Write(body)
}

// The messages real orgs send for the common failures.
const (
	msgNotFound       = "The requested resource does not exist"
	msgInvalidSession = "Session expired or invalid"
	msgDailyLimit     = "TotalRequests Limit exceeded."
	msgConcurrent     = "ConcurrentPerOrgLongTxn Limit exceeded."
	msgUnavailable    = "Server temporarily unavailable: the emulator injected a 503 fault."
)

func notFound(w http.ResponseWriter) { writeAPIError(w, http.StatusNotFound, "NOT_FOUND", msgNotFound) }

func invalidSession(w http.ResponseWriter) {
	writeAPIError(w, http.StatusUnauthorized, "INVALID_SESSION_ID", msgInvalidSession)
}
