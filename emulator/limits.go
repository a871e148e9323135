package emulator

import (
	"fmt"
	"net/http"
	"strings"
)

// chargeAPICall counts one API call against the daily limit; it reports
// false (and charges nothing) when the limit is already used up.
func (s *Server) chargeAPICall() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.apiUsed >= s.dailyLimit {
		return false
	}
	s.apiUsed++
	return true
}

// limitHeader sets Sforce-Limit-Info: api-usage=<used>/<max>.
func (s *Server) limitHeader(w http.ResponseWriter) {
	used, max := s.APIUsage()
	w.Header().Set("Sforce-Limit-Info", fmt.Sprintf("api-usage=%d/%d", used, max))
}

// APIUsage returns the API calls used today and the daily limit.
func (s *Server) APIUsage() (used, max int) {
	_ = s.ready()
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.apiUsed, s.dailyLimit
}

// SetDailyAPILimit changes the daily API limit (0 = 15000).
func (s *Server) SetDailyAPILimit(n int) {
	_ = s.ready()
	if n <= 0 {
		n = defaultDailyAPILimit
	}
	s.mu.Lock()
	s.dailyLimit = n
	s.mu.Unlock()
}

// staticLimits are the /limits entries that do not move in the emulator
// (Developer Edition values), in the order real orgs list them.
var staticLimits = []struct {
	name       string
	max, avail int
}{
	{"ActiveScratchOrgs", 3, 3},
	{"AnalyticsExternalDataSizeMB", 40960, 40960},
	{"ConcurrentAsyncGetReportInstances", 200, 200},
	{"ConcurrentEinsteinDataInsightsStoryCreation", 5, 5},
	{"ConcurrentEinsteinDiscoveryStoryCreation", 2, 2},
	{"ConcurrentSyncReportRuns", 20, 20},
	{"DailyAnalyticsDataflowJobExecutions", 60, 60},
	{"DailyAnalyticsUploadedFilesSizeMB", 51200, 51200},
	{"DailyApiRequests", -1, -1},
	{"DailyAsyncApexExecutions", 250000, 250000},
	{"DailyAsyncApexTests", 500, 500},
	{"DailyBulkApiBatches", 15000, 15000},
	{"DailyBulkV2QueryFileStorageMB", 976562, 976562},
	{"DailyBulkV2QueryJobs", 10000, 10000},
	{"DailyDeliveredPlatformEvents", 10000, 10000},
	{"DailyDurableGenericStreamingApiEvents", 10000, 10000},
	{"DailyDurableStreamingApiEvents", 10000, 10000},
	{"DailyFunctionsApiCallLimit", 235000, 235000},
	{"DailyGenericStreamingApiEvents", 10000, 10000},
	{"DailyScratchOrgs", 6, 6},
	{"DailyStandardVolumePlatformEvents", 10000, 10000},
	{"DailyStreamingApiEvents", 10000, 10000},
	{"DailyWorkflowEmails", 405, 405},
	{"DataStorageMB", 5, 5},
	{"DurableStreamingApiConcurrentClients", 20, 20},
	{"FileStorageMB", 20, 20},
	{"HourlyAsyncReportRuns", 1200, 1200},
	{"HourlyDashboardRefreshes", 200, 200},
	{"HourlyDashboardResults", 5000, 5000},
	{"HourlyDashboardStatuses", 999999999, 999999999},
	{"HourlyLongTermIdMapping", 100000, 100000},
	{"HourlyManagedContentPublicRequests", 50000, 50000},
	{"HourlyODataCallout", 10000, 10000},
	{"HourlyPublishedPlatformEvents", 50000, 50000},
	{"HourlyPublishedStandardVolumePlatformEvents", 100000, 100000},
	{"HourlyShortTermIdMapping", 100000, 100000},
	{"HourlySyncReportRuns", 500, 500},
	{"HourlyTimeBasedWorkflow", 50, 50},
	{"MassEmail", 10, 10},
	{"MonthlyPlatformEventsUsageEntitlement", 0, 0},
	{"Package2VersionCreates", 6, 6},
	{"Package2VersionCreatesWithoutValidation", 500, 500},
	{"PermissionSets", 1500, 1500},
	{"PrivateConnectOutboundCalloutHourlyLimitMB", 0, 0},
	{"SingleEmail", 15, 15},
	{"StreamingApiConcurrentClients", 20, 20},
}

// handleLimits serves GET /limits: {"Name":{"Max":m,"Remaining":r},…}.
func (s *Server) handleLimits(w http.ResponseWriter, r *http.Request) {
	used, max := s.APIUsage()
	var b strings.Builder
	b.WriteByte('{')
	for i, l := range staticLimits {
		if i > 0 {
			b.WriteByte(',')
		}
		m, rem := l.max, l.avail
		if l.name == "DailyApiRequests" {
			m, rem = max, max-used
		}
		fmt.Fprintf(&b, `"%s":{"Max":%d,"Remaining":%d}`, l.name, m, rem)
	}
	b.WriteByte('}')
	writeRawJSON(w, http.StatusOK, []byte(b.String()))
}

// handleRecordCount serves GET /limits/recordCount?sObjects=A,B:
// {"sObjects":[{"count":n,"name":"A"}]} (rows not soft-deleted; unknown
// names are left out).
func (s *Server) handleRecordCount(w http.ResponseWriter, r *http.Request) {
	type entry struct {
		Count int64  `json:"count"`
		Name  string `json:"name"`
	}
	out := struct {
		SObjects []entry `json:"sObjects"`
	}{SObjects: []entry{}}
	var names []string
	if q := r.URL.Query().Get("sObjects"); q != "" {
		names = strings.Split(q, ",")
	} else {
		for _, o := range s.schema.ordered {
			names = append(names, o.Name)
		}
	}
	for _, n := range names {
		o := s.schema.object(strings.TrimSpace(n))
		if o == nil {
			continue
		}
		q := "SELECT count(*) FROM " + quoteIdent(o.Name)
		if o.field("IsDeleted") != nil {
			q += ` WHERE "IsDeleted" = 0`
		}
		var c int64
		if err := s.db.QueryRowContext(r.Context(), q).Scan(&c); err != nil {
			writeAPIError(w, http.StatusInternalServerError, "UNKNOWN_EXCEPTION", "soqlgate emulator: "+err.Error())
			return
		}
		out.SObjects = append(out.SObjects, entry{c, o.Name})
	}
	writeJSON(w, http.StatusOK, out)
}
