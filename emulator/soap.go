package emulator

import (
	"encoding/xml"
	"fmt"
	"html"
	"io"
	"net/http"
	"strconv"
	"strings"
)

const contentXML = "text/xml;charset=UTF-8"

// serveSOAP answers the partner API: login() (API < 65) and logout().
// Everything else fails loudly with an UNKNOWN_EXCEPTION fault.
func (s *Server) serveSOAP(w http.ResponseWriter, r *http.Request, rest string) {
	s.count("soap")
	verText, _, _ := strings.Cut(rest, "/")
	major, ok := parseVersion(verText)
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", "POST")
		writeSOAPFault(w, http.StatusMethodNotAllowed, "INVALID_OPERATION", "HTTP Method '"+r.Method+"' not allowed. Allowed are POST", "")
		return
	}
	if !ok || major > latestVersion {
		notFound(w)
		return
	}
	if major < oldestVersion {
		writeSOAPFault(w, http.StatusInternalServerError, "UNSUPPORTED_API_VERSION", "Invalid Api version specified on URL", "")
		return
	}
	if s.injectFault(w, r, "soap", faultSOAP) {
		return
	}
	env, err := parseEnvelope(r.Body)
	if err != nil {
		writeSOAPClientFault(w, "Unable to parse the request envelope: "+err.Error())
		return
	}
	switch env.operation {
	case "login":
		if major >= soapLoginRetired {
			writeSOAPFault(w, http.StatusInternalServerError, "INVALID_LOGIN",
				fmt.Sprintf("SOAP API login() is not available in API version %s and later; use OAuth 2.0", verText), "LoginFault")
			return
		}
		u := &s.org.User
		if env.values["username"] != u.Username || env.values["password"] != u.Password+u.SecurityToken {
			writeSOAPFault(w, http.StatusInternalServerError, "INVALID_LOGIN",
				"Invalid username, password, security token; or user locked out.", "LoginFault")
			return
		}
		sess := s.newSession(u.ID)
		s.writeLoginResponse(w, r, verText, sess)
	case "logout":
		tok := env.values["sessionId"]
		if s.lookupSession(tok) == nil {
			writeSOAPFault(w, http.StatusInternalServerError, "INVALID_SESSION_ID", "Invalid Session ID found in SessionHeader: Illegal Session", "UnexpectedErrorFault")
			return
		}
		s.revoke(tok)
		writeSOAP(w, http.StatusOK, `<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns="urn:partner.soap.sforce.com"><soapenv:Body><logoutResponse/></soapenv:Body></soapenv:Envelope>`)
	case "":
		writeSOAPClientFault(w, "The request envelope has no operation in its Body")
	default:
		writeSOAPFault(w, http.StatusInternalServerError, "UNKNOWN_EXCEPTION",
			"soqlgate emulator: SOAP operation "+env.operation+"() is not implemented", "UnexpectedErrorFault")
	}
}

// envelope is what the emulator reads from a SOAP request: the local name
// of the Body's first element and the text of the leaf elements it knows
// (username, password, sessionId), whatever their namespace prefixes.
type envelope struct {
	operation string
	values    map[string]string
}

func parseEnvelope(body io.Reader) (*envelope, error) {
	dec := xml.NewDecoder(io.LimitReader(body, 1<<20))
	env := &envelope{values: map[string]string{}}
	var stack []string
	var text strings.Builder
	sawEnvelope := false
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if len(stack) == 0 {
				if t.Name.Local != "Envelope" {
					return nil, fmt.Errorf("root element is %s, not Envelope", t.Name.Local)
				}
				sawEnvelope = true
			}
			if len(stack) == 2 && stack[1] == "Body" && env.operation == "" {
				env.operation = t.Name.Local
			}
			stack = append(stack, t.Name.Local)
			text.Reset()
		case xml.CharData:
			text.Write(t)
		case xml.EndElement:
			name := stack[len(stack)-1]
			switch name {
			case "username", "password", "sessionId":
				env.values[name] = text.String()
			}
			stack = stack[:len(stack)-1]
			text.Reset()
		}
	}
	if !sawEnvelope {
		return nil, fmt.Errorf("no Envelope")
	}
	return env, nil
}

// writeLoginResponse writes a LoginResult, elements in WSDL order.
func (s *Server) writeLoginResponse(w http.ResponseWriter, r *http.Request, version string, sess *session) {
	inst := instanceURL(r)
	u := &s.org.User
	e := html.EscapeString
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns="urn:partner.soap.sforce.com" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><soapenv:Body><loginResponse><result>`)
	fmt.Fprintf(&b, `<metadataServerUrl>%s/services/Soap/m/%s/%s</metadataServerUrl>`, e(inst), version, s.org.ID15)
	b.WriteString(`<passwordExpired>false</passwordExpired><sandbox>false</sandbox>`)
	fmt.Fprintf(&b, `<serverUrl>%s/services/Soap/u/%s/%s</serverUrl>`, e(inst), version, s.org.ID15)
	fmt.Fprintf(&b, `<sessionId>%s</sessionId><userId>%s</userId>`, e(sess.token), u.ID)
	b.WriteString(`<userInfo><accessibilityMode>false</accessibilityMode><chatterExternal>false</chatterExternal>`)
	b.WriteString(`<currencySymbol>$</currencySymbol><orgAttachmentFileSizeLimit>5242880</orgAttachmentFileSizeLimit>`)
	b.WriteString(`<orgDefaultCurrencyIsoCode>USD</orgDefaultCurrencyIsoCode><orgDefaultCurrencyLocale>en_US</orgDefaultCurrencyLocale>`)
	b.WriteString(`<orgDisallowHtmlAttachments>false</orgDisallowHtmlAttachments><orgHasPersonAccounts>false</orgHasPersonAccounts>`)
	fmt.Fprintf(&b, `<organizationId>%s</organizationId><organizationMultiCurrency>false</organizationMultiCurrency>`, s.org.ID)
	fmt.Fprintf(&b, `<organizationName>%s</organizationName><profileId>%s</profileId>`, e(s.org.Name), u.ProfileID)
	fmt.Fprintf(&b, `<roleId xsi:nil="true"/><sessionSecondsValid>%s</sessionSecondsValid>`, strconv.Itoa(int(sess.expires.Sub(sess.issued).Seconds())))
	fmt.Fprintf(&b, `<userDefaultCurrencyIsoCode xsi:nil="true"/><userEmail>%s</userEmail>`, e(u.Email))
	fmt.Fprintf(&b, `<userFullName>%s %s</userFullName><userId>%s</userId>`, e(u.FirstName), e(u.LastName), u.ID)
	fmt.Fprintf(&b, `<userLanguage>en_US</userLanguage><userLocale>en_US</userLocale><userName>%s</userName>`, e(u.Username))
	b.WriteString(`<userTimeZone>America/Los_Angeles</userTimeZone><userType>Standard</userType><userUiSkin>Theme3</userUiSkin>`)
	b.WriteString(`</userInfo></result></loginResponse></soapenv:Body></soapenv:Envelope>`)
	writeSOAP(w, http.StatusOK, b.String())
}

func writeSOAP(w http.ResponseWriter, status int, body string) {
	w.Header().Set("Content-Type", contentXML)
	w.WriteHeader(status)
	_, _ = io.WriteString(w, body)
}

// writeSOAPFault writes an API fault: faultcode sf:<code>, faultstring
// "<code>: <message>", and a detail element of the fault type
// (LoginFault, UnexpectedErrorFault …).
func writeSOAPFault(w http.ResponseWriter, status int, code, message, faultType string) {
	if faultType == "" {
		faultType = "UnexpectedErrorFault"
	}
	e := html.EscapeString
	writeSOAP(w, status, `<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:sf="urn:fault.partner.soap.sforce.com" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><soapenv:Body><soapenv:Fault>`+
		`<faultcode>sf:`+code+`</faultcode><faultstring>`+e(code+": "+message)+`</faultstring>`+
		`<detail><sf:`+faultType+` xsi:type="sf:`+faultType+`"><sf:exceptionCode>`+code+`</sf:exceptionCode>`+
		`<sf:exceptionMessage>`+e(message)+`</sf:exceptionMessage></sf:`+faultType+`></detail>`+
		`</soapenv:Fault></soapenv:Body></soapenv:Envelope>`)
}

// writeSOAPClientFault is the fault for a request that is not a SOAP
// envelope at all (soapenv:Client, no API detail).
func writeSOAPClientFault(w http.ResponseWriter, message string) {
	writeSOAP(w, http.StatusInternalServerError, `<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body><soapenv:Fault>`+
		`<faultcode>soapenv:Client</faultcode><faultstring>`+html.EscapeString(message)+`</faultstring>`+
		`</soapenv:Fault></soapenv:Body></soapenv:Envelope>`)
}
