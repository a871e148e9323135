package sfapi

import (
	"net"
	"net/http"
	"time"
)

// Timeouts of the default transport. There is deliberately no overall
// request timeout: a query page or a Bulk result may take long to stream,
// and ctx is how callers bound a whole operation.
const (
	dialTimeout           = 15 * time.Second
	tlsHandshakeTimeout   = 15 * time.Second
	responseHeaderTimeout = 3 * time.Minute // Salesforce runs a query up to 2 minutes before the first byte
)

// newHTTPClient returns the caller's client, a client around the caller's
// transport, or the default: proxy from HTTPS_PROXY / NO_PROXY, timeouts on
// connect, TLS and response headers, none on bodies.
func newHTTPClient(cfg *Config) *http.Client {
	if cfg.HTTPClient != nil {
		return cfg.HTTPClient
	}
	if cfg.Transport != nil {
		return &http.Client{Transport: cfg.Transport}
	}
	return &http.Client{Transport: defaultTransport()}
}

func defaultTransport() *http.Transport {
	return &http.Transport{
		Proxy: http.ProxyFromEnvironment,
		DialContext: (&net.Dialer{
			Timeout:   dialTimeout,
			KeepAlive: 30 * time.Second,
		}).DialContext,
		TLSHandshakeTimeout:   tlsHandshakeTimeout,
		ResponseHeaderTimeout: responseHeaderTimeout,
		ExpectContinueTimeout: time.Second,
		IdleConnTimeout:       90 * time.Second,
		MaxIdleConns:          64,
		MaxIdleConnsPerHost:   32,
		ForceAttemptHTTP2:     true,
	}
}
