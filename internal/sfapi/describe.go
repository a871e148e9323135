package sfapi

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
)

// maxDescribeBytes bounds a describe document (the largest real ones are
// a few MB).
const maxDescribeBytes = 64 << 20

// GlobalDescribe is GET /sobjects: the raw document and a light view.
type GlobalDescribe struct {
	Raw      json.RawMessage
	Encoding string          `json:"encoding"`
	Objects  []GlobalSObject `json:"sobjects"`
}

// GlobalSObject is one entry of describeGlobal.
type GlobalSObject struct {
	Name        string  `json:"name"`
	Label       string  `json:"label"`
	LabelPlural string  `json:"labelPlural"`
	KeyPrefix   *string `json:"keyPrefix"`
	Custom      bool    `json:"custom"`
	Queryable   bool    `json:"queryable"`
	Createable  bool    `json:"createable"`
	Updateable  bool    `json:"updateable"`
	Deletable   bool    `json:"deletable"`
}

// SObjectDescribe is GET /sobjects/{X}/describe: the raw document, which
// the catalog builds its model from, and a light view for callers that only
// need names.
type SObjectDescribe struct {
	Raw                json.RawMessage
	Name               string              `json:"name"`
	Label              string              `json:"label"`
	KeyPrefix          *string             `json:"keyPrefix"`
	Queryable          bool                `json:"queryable"`
	Fields             []FieldSummary      `json:"fields"`
	ChildRelationships []ChildRelationship `json:"childRelationships"`
}

// FieldSummary is the part of a describe field most callers need.
type FieldSummary struct {
	Name             string   `json:"name"`
	Type             string   `json:"type"`
	Label            string   `json:"label"`
	Nillable         bool     `json:"nillable"`
	ReferenceTo      []string `json:"referenceTo"`
	RelationshipName *string  `json:"relationshipName"`
}

// ChildRelationship is one entry of childRelationships.
type ChildRelationship struct {
	ChildSObject     string  `json:"childSObject"`
	Field            string  `json:"field"`
	RelationshipName *string `json:"relationshipName"`
}

// DescribeGlobal calls GET /sobjects.
func (c *Client) DescribeGlobal(ctx context.Context) (*GlobalDescribe, error) {
	raw, err := c.DescribeGlobalRaw(ctx)
	if err != nil {
		return nil, err
	}
	g := &GlobalDescribe{Raw: raw}
	if err := json.Unmarshal(raw, g); err != nil {
		return nil, fmt.Errorf("sfapi: describeGlobal: %w", err)
	}
	return g, nil
}

// Describe calls GET /sobjects/{object}/describe. An unknown object is an
// *APIError matching ErrNotFound.
func (c *Client) Describe(ctx context.Context, object string) (*SObjectDescribe, error) {
	raw, err := c.DescribeRaw(ctx, object)
	if err != nil {
		return nil, err
	}
	d := &SObjectDescribe{Raw: raw}
	if err := json.Unmarshal(raw, d); err != nil {
		return nil, fmt.Errorf("sfapi: describe %s: %w", object, err)
	}
	return d, nil
}

// DescribeRaw is Describe without the typed view: the body as served, for
// the catalog, which builds its own model (its FetchFunc has this shape).
func (c *Client) DescribeRaw(ctx context.Context, object string) ([]byte, error) {
	if !isIdent(object) {
		return nil, fmt.Errorf("sfapi: describe: %q is not an sObject name", object)
	}
	return c.getRaw(ctx, "describe", c.restPath("/sobjects/"+url.PathEscape(object)+"/describe"))
}

// DescribeGlobalRaw is DescribeGlobal's body as served.
func (c *Client) DescribeGlobalRaw(ctx context.Context) ([]byte, error) {
	return c.getRaw(ctx, "describeGlobal", c.restPath("/sobjects"))
}

// getRaw GETs a REST resource and returns its body.
func (c *Client) getRaw(ctx context.Context, kind, path string) (json.RawMessage, error) {
	var raw []byte
	err := c.do(ctx, &request{
		kind: kind, method: http.MethodGet, url: path,
		idempotent: true, auth: true, budget: true,
		handle: func(resp *http.Response) (err error) {
			raw, err = readAtMost(resp.Body, kind+": response")
			return err
		},
	})
	return raw, err
}

// readAtMost reads a body of at most maxDescribeBytes; what names it in the
// error for a larger one.
func readAtMost(r io.Reader, what string) ([]byte, error) {
	b, err := io.ReadAll(io.LimitReader(r, maxDescribeBytes+1))
	if err != nil {
		return nil, err
	}
	if len(b) > maxDescribeBytes {
		return nil, fmt.Errorf("sfapi: %s larger than %d bytes", what, maxDescribeBytes)
	}
	return b, nil
}

// Versions calls GET /services/data/ (no session needed) and returns the
// versions the org serves, oldest first.
func (c *Client) Versions(ctx context.Context) ([]string, error) {
	var list []struct {
		Version string `json:"version"`
	}
	sess, _, err := c.session(ctx)
	if err != nil {
		return nil, err
	}
	err = c.do(ctx, &request{
		kind: "rest", method: http.MethodGet, url: sess.instanceURL + "/services/data/",
		idempotent: true,
		handle: func(resp *http.Response) error {
			return json.NewDecoder(resp.Body).Decode(&list)
		},
	})
	if err != nil {
		return nil, err
	}
	out := make([]string, len(list))
	for i, v := range list {
		out[i] = v.Version
	}
	return out, nil
}

// Blob fetches the body of a base64 field from the URL a query or retrieve
// gave for it ("/services/data/vNN.0/sobjects/Attachment/00P…/Body"): the
// raw bytes, at most 64 MiB.
func (c *Client) Blob(ctx context.Context, path string) ([]byte, error) {
	if !strings.HasPrefix(path, "/services/data/") || strings.Contains(path, "..") {
		return nil, fmt.Errorf("sfapi: %q is not a blob URL", path)
	}
	var out []byte
	err := c.do(ctx, &request{
		kind: "blob", method: http.MethodGet, url: path,
		header:     http.Header{"Accept": {"*/*"}},
		idempotent: true, auth: true, budget: true,
		handle: func(resp *http.Response) (err error) {
			out, err = readAtMost(resp.Body, "blob")
			return err
		},
	})
	return out, err
}
