package sfapi

import (
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
)

// loginSOAP calls the partner API's login() (API versions below 65.0):
// the Data Factory V1 path, username and password + security token, no
// connected app.
func (c *Client) loginSOAP(ctx context.Context) (session, error) {
	var b bytes.Buffer
	b.WriteString(`<?xml version="1.0" encoding="utf-8"?>` +
		`<env:Envelope xmlns:env="http://schemas.xmlsoap.org/soap/envelope/" xmlns:urn="urn:partner.soap.sforce.com">` +
		`<env:Body><urn:login><urn:username>`)
	xml.EscapeText(&b, []byte(c.cfg.Username))
	b.WriteString(`</urn:username><urn:password>`)
	xml.EscapeText(&b, []byte(c.cfg.Password+c.cfg.SecurityToken))
	b.WriteString(`</urn:password></urn:login></env:Body></env:Envelope>`)

	var res soapLoginResult
	err := c.do(ctx, &request{
		kind: "login", method: http.MethodPost, url: c.loginURL + "/services/Soap/u/" + c.version,
		body: b.Bytes(), contentType: "text/xml; charset=UTF-8",
		header:     http.Header{"Soapaction": {"login"}, "Accept": {"text/xml"}},
		idempotent: true,
		handle: func(resp *http.Response) error {
			raw, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
			if err != nil {
				return err
			}
			var env soapLoginEnvelope
			if err := xml.Unmarshal(raw, &env); err != nil {
				return fmt.Errorf("sfapi: SOAP login response is not XML: %w", err)
			}
			res = env.Body.Response.Result
			return nil
		},
	})
	if err != nil {
		return session{}, &LoginError{Flow: FlowSOAP, Err: err}
	}
	if res.SessionID == "" || res.ServerURL == "" {
		return session{}, &LoginError{Flow: FlowSOAP, Err: errors.New("sfapi: SOAP login response without sessionId or serverUrl")}
	}
	if res.PasswordExpired {
		return session{}, &LoginError{Flow: FlowSOAP, Err: errors.New("sfapi: the password has expired; reset it in Salesforce")}
	}
	su, err := url.Parse(res.ServerURL)
	if err != nil {
		return session{}, &LoginError{Flow: FlowSOAP, Err: fmt.Errorf("sfapi: SOAP serverUrl %q is not a URL", res.ServerURL)}
	}
	inst, err := validateInstanceURL(su.Scheme + "://" + su.Host)
	if err != nil {
		return session{}, &LoginError{Flow: FlowSOAP, Err: err}
	}
	return session{token: res.SessionID, instanceURL: inst, userID: res.UserID, orgID: res.UserInfo.OrganizationID,
		idURL: c.loginURL + "/id/" + res.UserInfo.OrganizationID + "/" + res.UserID}, nil
}

// The parts of the partner login response we read; namespaces are ignored.
type soapLoginEnvelope struct {
	Body struct {
		Response struct {
			Result soapLoginResult `xml:"result"`
		} `xml:"loginResponse"`
	} `xml:"Body"`
}

type soapLoginResult struct {
	PasswordExpired bool   `xml:"passwordExpired"`
	ServerURL       string `xml:"serverUrl"`
	SessionID       string `xml:"sessionId"`
	UserID          string `xml:"userId"`
	UserInfo        struct {
		OrganizationID string `xml:"organizationId"`
	} `xml:"userInfo"`
}

type soapFaultEnvelope struct {
	Body struct {
		Fault struct {
			FaultCode   string `xml:"faultcode"`
			FaultString string `xml:"faultstring"`
			Detail      struct {
				Inner struct {
					ExceptionCode    string `xml:"exceptionCode"`
					ExceptionMessage string `xml:"exceptionMessage"`
				} `xml:",any"`
			} `xml:"detail"`
		} `xml:"Fault"`
	} `xml:"Body"`
}

// parseSOAPFault reads a SOAP fault as an *APIError (code from
// exceptionCode, else faultcode without its prefix).
func parseSOAPFault(raw []byte) *APIError {
	var env soapFaultEnvelope
	if xml.Unmarshal(raw, &env) != nil {
		return nil
	}
	f := env.Body.Fault
	code, msg := f.Detail.Inner.ExceptionCode, f.Detail.Inner.ExceptionMessage
	if code == "" {
		_, code, _ = strings.Cut(f.FaultCode, ":")
		if code == "" {
			code = f.FaultCode
		}
		msg = strings.TrimPrefix(f.FaultString, code+": ")
	}
	if code == "" && msg == "" {
		return nil
	}
	return &APIError{Code: code, Message: msg}
}
