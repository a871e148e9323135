package sfapi

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
)

// RunReport runs an Analytics report synchronously with its detail rows
// (GET /analytics/reports/{id}?includeDetails=true) and returns the raw
// result: reportMetadata, reportExtendedMetadata, factMap, allData. The
// caller decodes the fact map; Salesforce caps detail rows at 2,000 and says
// so with allData false.
func (c *Client) RunReport(ctx context.Context, id string) (json.RawMessage, error) {
	if !isRecordID(id) {
		return nil, fmt.Errorf("sfapi: %q is not a report id", id)
	}
	return c.getRaw(ctx, "report", c.restPath("/analytics/reports/"+url.PathEscape(id))+"?includeDetails=true")
}
