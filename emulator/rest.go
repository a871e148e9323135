package emulator

import (
	"context"
	"database/sql"
	"fmt"
	"net/http"
	"strings"
)

// releaseLabel names the release of API version v: 20.0 was Winter '11 and
// each release adds one (Winter, Spring, Summer).
func releaseLabel(v int) string {
	i := v - 20
	season := [...]string{"Winter", "Spring", "Summer"}[i%3]
	return fmt.Sprintf("%s '%02d", season, 11+i/3)
}

// handleVersions serves GET /services/data/: the versions, ascending.
func (s *Server) handleVersions(w http.ResponseWriter, r *http.Request) {
	type version struct {
		Label   string `json:"label"`
		URL     string `json:"url"`
		Version string `json:"version"`
	}
	out := make([]version, 0, latestVersion-oldestVersion+1)
	for v := oldestVersion; v <= latestVersion; v++ {
		out = append(out, version{releaseLabel(v), fmt.Sprintf("/services/data/v%d.0", v), fmt.Sprintf("%d.0", v)})
	}
	writeJSON(w, http.StatusOK, out)
}

// identityURL is the /id/<org>/<user> URL of a user.
func (s *Server) identityURL(r *http.Request, userID string) string {
	return instanceURL(r) + "/id/" + s.org.ID + "/" + userID
}

// resourceNames are the resources the directory lists, in the order real
// orgs list them; the emulator implements sobjects, query, queryAll, limits
// and identity, and answers the others 501.
var resourceNames = []string{"tooling", "search", "identity", "composite", "limits", "query", "queryAll", "jobs", "analytics", "sobjects"}

// handleResources serves GET /services/data/vNN.0/.
func (s *Server) handleResources(w http.ResponseWriter, r *http.Request) {
	base := "/services/data/v" + requestVersion(r) + "/"
	b := []byte{'{'}
	for i, n := range resourceNames {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendJSONString(b, n)
		b = append(b, ':')
		if n == "identity" {
			b = appendJSONString(b, s.identityURL(r, requestSession(r).userID))
		} else {
			b = appendJSONString(b, base+n)
		}
	}
	writeRawJSON(w, http.StatusOK, append(b, '}'))
}

// describeModified is when the org's metadata last changed: the describe
// documents are fixed, so it is the demo org's creation. Describe and
// describeGlobal honour If-Modified-Since with 304 Not Modified.
var describeModified = seedEpoch.AddDate(0, -6, 0)

// notModified answers 304 when the client's copy is current.
func notModified(w http.ResponseWriter, r *http.Request) bool {
	w.Header().Set("Last-Modified", describeModified.Format(http.TimeFormat))
	ims := r.Header.Get("If-Modified-Since")
	if ims == "" {
		return false
	}
	t, err := http.ParseTime(ims)
	if err != nil || t.Before(describeModified) {
		return false
	}
	w.WriteHeader(http.StatusNotModified)
	return true
}

// handleDescribeGlobal serves GET /sobjects.
func (s *Server) handleDescribeGlobal(w http.ResponseWriter, r *http.Request) {
	if notModified(w, r) {
		return
	}
	b := []byte(`{"encoding":"UTF-8","maxBatchSize":200,"sobjects":[`)
	for i, o := range s.schema.ordered {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, s.schema.globalJSON(o, requestVersion(r), instanceURL(r))...)
	}
	writeRawJSON(w, http.StatusOK, append(b, "]}"...))
}

// handleBasicInfo serves GET /sobjects/X: the global entry and the recent
// items (none: the emulator keeps no MRU list).
func (s *Server) handleBasicInfo(w http.ResponseWriter, r *http.Request, o *sobject, name string) {
	if o == nil {
		notFound(w)
		return
	}
	b := []byte(`{"objectDescribe":`)
	b = append(b, s.schema.globalJSON(o, requestVersion(r), instanceURL(r))...)
	writeRawJSON(w, http.StatusOK, append(b, `,"recentItems":[]}`...))
}

// handleDescribe serves GET /sobjects/X/describe.
func (s *Server) handleDescribe(w http.ResponseWriter, r *http.Request, o *sobject) {
	if o == nil {
		notFound(w)
		return
	}
	if notModified(w, r) {
		return
	}
	writeRawJSON(w, http.StatusOK, o.describeJSON(requestVersion(r), instanceURL(r)))
}

// handleRetrieve serves GET /sobjects/X/{id}[?fields=A,B]: attributes, then
// the fields in describe order (or in the order asked).
func (s *Server) handleRetrieve(w http.ResponseWriter, r *http.Request, o *sobject, rawID string) {
	if o == nil {
		notFound(w)
		return
	}
	id, ok := canonicalID(rawID)
	if !ok {
		writeAPIError(w, http.StatusNotFound, "NOT_FOUND", "Provided external ID field does not exist or is not accessible: "+rawID)
		return
	}
	s.writeRecord(w, r, o, id)
}

// handleByExternalID serves GET /sobjects/X/{field}/{value}: the record
// whose External ID field (or Id) has the value; 300 with the records'
// URLs when several match.
func (s *Server) handleByExternalID(w http.ResponseWriter, r *http.Request, o *sobject, fieldName, value string) {
	if o == nil {
		notFound(w)
		return
	}
	f := o.field(fieldName)
	if f == nil || !(f.ExternalID || f.Name == "Id") {
		writeAPIError(w, http.StatusNotFound, "NOT_FOUND", "Provided external ID field does not exist or is not accessible: "+fieldName)
		return
	}
	if f.Name == "Id" {
		s.handleRetrieve(w, r, o, value)
		return
	}
	q := "SELECT \"Id\" FROM " + quoteIdent(o.Name) + " WHERE " + quoteIdent(f.Name) + " = ?"
	if !f.CaseSensitive {
		q += " COLLATE NOCASE"
	}
	if o.field("IsDeleted") != nil {
		q += ` AND "IsDeleted" = 0`
	}
	rows, err := s.db.QueryContext(r.Context(), q+` ORDER BY "Id" LIMIT 200`, value)
	if err != nil {
		writeAPIError(w, http.StatusInternalServerError, "UNKNOWN_EXCEPTION", "soqlgate emulator: "+err.Error())
		return
	}
	var ids []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			writeAPIError(w, http.StatusInternalServerError, "UNKNOWN_EXCEPTION", "soqlgate emulator: "+err.Error())
			return
		}
		ids = append(ids, id)
	}
	rows.Close()
	switch len(ids) {
	case 0:
		notFound(w)
	case 1:
		s.writeRecord(w, r, o, ids[0])
	default:
		urls := make([]string, len(ids))
		for i, id := range ids {
			urls[i] = "/services/data/v" + requestVersion(r) + "/sobjects/" + o.Name + "/" + id
		}
		writeJSON(w, http.StatusMultipleChoices, urls)
	}
}

// handleBlob serves GET /sobjects/X/{id}/{base64 field}: the bytes (the
// URL query results and retrieve give for base64 fields).
func (s *Server) handleBlob(w http.ResponseWriter, r *http.Request, o *sobject, rawID string, f *field) {
	id, ok := canonicalID(rawID)
	if !ok {
		notFound(w)
		return
	}
	q := "SELECT " + quoteIdent(f.Name) + " FROM " + quoteIdent(o.Name) + ` WHERE "Id" = ?`
	if o.field("IsDeleted") != nil {
		q += ` AND "IsDeleted" = 0`
	}
	var blob []byte
	err := s.db.QueryRowContext(r.Context(), q, id).Scan(&blob)
	if err == sql.ErrNoRows || (err == nil && blob == nil) {
		notFound(w)
		return
	}
	if err != nil {
		writeAPIError(w, http.StatusInternalServerError, "UNKNOWN_EXCEPTION", "soqlgate emulator: "+err.Error())
		return
	}
	w.Header().Set("Content-Type", "application/octetstream")
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(blob)
}

// writeRecord writes one record as retrieve answers it: attributes, then
// the fields in describe order (or in the order ?fields= asks).
func (s *Server) writeRecord(w http.ResponseWriter, r *http.Request, o *sobject, id string) {
	fields, err := o.fieldList(r.URL.Query().Get("fields"))
	if err != nil {
		writeAPIError(w, err.status, err.code, err.msg)
		return
	}
	b, err := s.recordJSON(r.Context(), requestVersion(r), o, id, fields)
	if err != nil {
		writeAPIError(w, err.status, err.code, err.msg)
		return
	}
	writeRawJSON(w, http.StatusOK, b)
}

// recordError is a failed record lookup, as the REST error it becomes.
type recordError struct {
	status    int
	code, msg string
}

var (
	errRecordNotFound = &recordError{http.StatusNotFound, "NOT_FOUND", msgNotFound}
	errRecordDeleted  = &recordError{http.StatusNotFound, "ENTITY_IS_DELETED", "entity is deleted"}
)

// fieldList resolves a comma-separated list of field names (all fields
// when empty).
func (o *sobject) fieldList(list string) ([]*field, *recordError) {
	if list == "" {
		return o.Fields, nil
	}
	var fields []*field
	for _, n := range strings.Split(list, ",") {
		f := o.field(strings.TrimSpace(n))
		if f == nil {
			return nil, &recordError{http.StatusBadRequest, "INVALID_FIELD", fmt.Sprintf(
				"No such column '%s' on entity '%s'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.",
				strings.TrimSpace(n), o.Name)}
		}
		fields = append(fields, f)
	}
	return fields, nil
}

// recordJSON renders record id of o with the given fields.
func (s *Server) recordJSON(ctx context.Context, version string, o *sobject, id string, fields []*field) ([]byte, *recordError) {
	// Columns to read: stored fields asked for, the components of compound
	// fields asked for, and IsDeleted.
	var cols []string
	pos := map[string]int{}
	need := func(f *field) {
		if _, ok := pos[f.Name]; !ok && f.stored() {
			pos[f.Name] = len(cols)
			cols = append(cols, quoteIdent(f.Name))
		}
	}
	for _, f := range fields {
		if f.stored() {
			need(f)
		} else {
			for _, c := range o.components(f.Name) {
				need(c)
			}
		}
	}
	deleted := o.field("IsDeleted")
	if deleted != nil {
		need(deleted)
	}
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	q := "SELECT " + strings.Join(cols, ", ") + " FROM " + quoteIdent(o.Name) + ` WHERE "Id" = ?`
	err := s.db.QueryRowContext(ctx, q, id).Scan(ptrs...)
	if err == sql.ErrNoRows {
		return nil, errRecordNotFound
	}
	if err != nil {
		return nil, &recordError{http.StatusInternalServerError, "UNKNOWN_EXCEPTION", "soqlgate emulator: " + err.Error()}
	}
	if deleted != nil && truthy(vals[pos[deleted.Name]]) {
		return nil, errRecordDeleted
	}
	url := "/services/data/v" + version + "/sobjects/" + o.Name + "/" + id
	b := []byte(`{"attributes":{"type":`)
	b = appendJSONString(b, o.Name)
	b = append(b, `,"url":`...)
	b = appendJSONString(b, url)
	b = append(b, '}')
	for _, f := range fields {
		b = append(b, ',')
		b = appendJSONString(b, f.Name)
		b = append(b, ':')
		if f.stored() {
			b = appendValue(b, f, vals[pos[f.Name]], url)
			continue
		}
		b = appendCompound(b, o, f, func(c *field) any { return vals[pos[c.Name]] })
	}
	return append(b, '}'), nil
}

// appendCompound renders an address or location from its components; it is
// null when every component is null.
func appendCompound(b []byte, o *sobject, f *field, value func(*field) any) []byte {
	comps := map[string]*field{}
	empty := true
	for _, c := range o.components(f.Name) {
		comps[compoundKey(c)] = c
		if value(c) != nil {
			empty = false
		}
	}
	if empty {
		return append(b, "null"...)
	}
	b = append(b, '{')
	for i, k := range compoundKeys(f.Type) {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendJSONString(b, k)
		b = append(b, ':')
		if c := comps[k]; c != nil {
			b = appendValue(b, c, value(c), "")
		} else {
			b = append(b, "null"...)
		}
	}
	return append(b, '}')
}
