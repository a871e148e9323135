package emulator

import (
	"net/http"
	"strings"
	"time"
)

// replicationLayouts are the datetime forms start and end may take
// (URL-decoded): ISO 8601 with an offset, as the docs write them, and
// Salesforce's own +0000 form.
var replicationLayouts = []string{time.RFC3339Nano, "2006-01-02T15:04:05.000-0700", "2006-01-02T15:04:05-0700"}

func parseReplicationTime(s string) (time.Time, bool) {
	s = strings.Replace(strings.TrimSpace(s), " ", "+", 1) // a '+' that arrived unencoded
	for _, l := range replicationLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return t.UTC(), true
		}
	}
	return time.Time{}, false
}

// handleReplication serves GET /sobjects/X/updated/?start=&end= and
// /deleted/: the ids changed (not deleted) or deleted (IsDeleted, at
// SystemModstamp) in [start, end). latestDateCovered is end rounded down to
// the minute, as Salesforce reports it.
func (s *Server) handleReplication(w http.ResponseWriter, r *http.Request, o *sobject, deleted bool) {
	q := r.URL.Query()
	start, ok1 := parseReplicationTime(q.Get("start"))
	end, ok2 := parseReplicationTime(q.Get("end"))
	if !ok1 || !ok2 {
		writeAPIError(w, http.StatusBadRequest, "MALFORMED_QUERY", "start and end must be ISO 8601 datetimes (e.g. 2026-01-05T00:00:00+00:00)")
		return
	}
	if !end.After(start) {
		writeAPIError(w, http.StatusBadRequest, "INVALID_REPLICATION_DATE", "EndDate can not be before StartDate")
		return
	}
	latest := end.Truncate(time.Minute)
	if o.field("IsDeleted") == nil && deleted {
		writeJSON(w, http.StatusOK, struct {
			DeletedRecords        []struct{} `json:"deletedRecords"`
			EarliestDateAvailable string     `json:"earliestDateAvailable"`
			LatestDateCovered     string     `json:"latestDateCovered"`
		}{[]struct{}{}, sfDateTime(latest), sfDateTime(latest)})
		return
	}
	cond := `"SystemModstamp" >= ? AND "SystemModstamp" < ?`
	if o.field("IsDeleted") != nil {
		if deleted {
			cond += ` AND "IsDeleted" = 1`
		} else {
			cond += ` AND "IsDeleted" = 0`
		}
	}
	rows, err := s.db.QueryContext(r.Context(), `SELECT "Id", "SystemModstamp" FROM `+quoteIdent(o.Name)+` WHERE `+cond+` ORDER BY "SystemModstamp", "Id"`,
		stamp(start), stamp(end))
	if err != nil {
		writeAPIError(w, http.StatusInternalServerError, "UNKNOWN_EXCEPTION", "soqlgate emulator: "+err.Error())
		return
	}
	type deletedRecord struct {
		ID          string `json:"id"`
		DeletedDate string `json:"deletedDate"`
	}
	ids := []string{}
	recs := []deletedRecord{}
	for rows.Next() {
		var id, at string
		if err := rows.Scan(&id, &at); err != nil {
			rows.Close()
			writeAPIError(w, http.StatusInternalServerError, "UNKNOWN_EXCEPTION", "soqlgate emulator: "+err.Error())
			return
		}
		ids = append(ids, id)
		recs = append(recs, deletedRecord{id, wireDateTime(at)})
	}
	rows.Close()
	if !deleted {
		writeJSON(w, http.StatusOK, struct {
			IDs               []string `json:"ids"`
			LatestDateCovered string   `json:"latestDateCovered"`
		}{ids, sfDateTime(latest)})
		return
	}
	// The recycle bin goes back to its oldest deletion.
	earliest := latest
	var oldest *string
	if err := s.db.QueryRowContext(r.Context(), `SELECT min("SystemModstamp") FROM `+quoteIdent(o.Name)+` WHERE "IsDeleted" = 1`).Scan(&oldest); err == nil && oldest != nil {
		if t, err := time.Parse(storedDateTime, *oldest); err == nil {
			earliest = t.Truncate(time.Minute)
		}
	}
	writeJSON(w, http.StatusOK, struct {
		DeletedRecords        []deletedRecord `json:"deletedRecords"`
		EarliestDateAvailable string          `json:"earliestDateAvailable"`
		LatestDateCovered     string          `json:"latestDateCovered"`
	}{recs, sfDateTime(earliest), sfDateTime(latest)})
}
