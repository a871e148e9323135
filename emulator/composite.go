package emulator

import (
	"encoding/json"
	"net/http"
	"strings"
)

// maxCollectionIDs is how many records one sObject Collections retrieve
// may name (Salesforce's documented limit).
const maxCollectionIDs = 2000

// handleCollectionRetrieve serves sObject Collections retrieve: GET
// /composite/sobjects/X?ids=…&fields=… or POST with {"ids":[…],
// "fields":[…]}. The answer is an array in the order of ids, null where a
// record does not exist or is deleted (jsforce's retrieve of several ids).
func (s *Server) handleCollectionRetrieve(w http.ResponseWriter, r *http.Request, o *sobject) {
	if o == nil {
		notFound(w)
		return
	}
	var ids, names []string
	if r.Method == http.MethodPost {
		var body struct {
			IDs    []string `json:"ids"`
			Fields []string `json:"fields"`
		}
		if err := json.NewDecoder(r.Body).Decode(&body); err != nil {
			writeAPIError(w, http.StatusBadRequest, "JSON_PARSER_ERROR", "The request body is not valid JSON: "+err.Error())
			return
		}
		ids, names = body.IDs, body.Fields
	} else {
		if v := r.URL.Query().Get("ids"); v != "" {
			ids = strings.Split(v, ",")
		}
		if v := r.URL.Query().Get("fields"); v != "" {
			names = strings.Split(v, ",")
		}
	}
	switch {
	case len(ids) == 0:
		writeAPIError(w, http.StatusBadRequest, "INVALID_FIELD", "The ids parameter is required")
		return
	case len(names) == 0:
		writeAPIError(w, http.StatusBadRequest, "INVALID_FIELD", "The fields parameter is required")
		return
	case len(ids) > maxCollectionIDs:
		writeAPIError(w, http.StatusBadRequest, "LIMIT_EXCEEDED", "Cannot retrieve more than 2000 records")
		return
	}
	fields, ferr := o.fieldList(strings.Join(names, ","))
	if ferr != nil {
		writeAPIError(w, ferr.status, ferr.code, ferr.msg)
		return
	}
	b := []byte{'['}
	for i, raw := range ids {
		if i > 0 {
			b = append(b, ',')
		}
		id, ok := canonicalID(strings.TrimSpace(raw))
		if !ok {
			b = append(b, "null"...)
			continue
		}
		rec, rerr := s.recordJSON(r.Context(), requestVersion(r), o, id, fields)
		switch {
		case rerr == errRecordNotFound || rerr == errRecordDeleted:
			b = append(b, "null"...)
		case rerr != nil:
			writeAPIError(w, rerr.status, rerr.code, rerr.msg)
			return
		default:
			b = append(b, rec...)
		}
	}
	writeRawJSON(w, http.StatusOK, append(b, ']'))
}
