package emulator

import (
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/base64"
	"encoding/pem"
	"math/big"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

// jsforce's SOAP login envelope (se: prefix, default namespace on login).
const jsforceLogin = `<se:Envelope xmlns:se="http://schemas.xmlsoap.org/soap/envelope/"><se:Header/><se:Body><login xmlns="urn:partner.soap.sforce.com"><username>%s</username><password>%s</password></login></se:Body></se:Envelope>`

// simple-salesforce's SOAP login envelope (env:/urn: prefixes, CallOptions).
const simpleSalesforceLogin = `<?xml version="1.0" encoding="utf-8" ?>
<env:Envelope xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:env="http://schemas.xmlsoap.org/soap/envelope/" xmlns:urn="urn:partner.soap.sforce.com">
  <env:Header><urn:CallOptions><urn:client>simple-salesforce</urn:client><urn:defaultNamespace>sf</urn:defaultNamespace></urn:CallOptions></env:Header>
  <env:Body><urn:login><urn:username>%s</urn:username><urn:password>%s</urn:password></urn:login></env:Body>
</env:Envelope>`

func soapPost(t *testing.T, u, body string) (int, string, string) {
	t.Helper()
	code, h, b := do(t, "POST", u, "", strings.NewReader(body), "Content-Type", "text/xml; charset=UTF-8", "SOAPAction", "login")
	return code, h.Get("Content-Type"), string(b)
}

func sprintf(format string, a ...string) string {
	for _, x := range a {
		format = strings.Replace(format, "%s", x, 1)
	}
	return format
}

func TestSOAPLogin(t *testing.T) {
	s, ts := newTestServer(t, Options{})
	for _, env := range []string{jsforceLogin, simpleSalesforceLogin} {
		code, ctype, body := soapPost(t, ts.URL+"/services/Soap/u/58.0", sprintf(env, DemoUsername, "demodemo"))
		if code != 200 || ctype != "text/xml;charset=UTF-8" {
			t.Fatalf("%d %s %s", code, ctype, body)
		}
		// Element order = the WSDL sequence the spec lists (§1.2).
		var names []string
		for _, m := range regexp.MustCompile(`<(?:[A-Za-z]+:)?([A-Za-z]+)[ >/]`).FindAllStringSubmatch(body, -1) {
			names = append(names, m[1])
		}
		want := "Envelope Body loginResponse result metadataServerUrl passwordExpired sandbox serverUrl sessionId userId userInfo " +
			"accessibilityMode chatterExternal currencySymbol orgAttachmentFileSizeLimit orgDefaultCurrencyIsoCode " +
			"orgDefaultCurrencyLocale orgDisallowHtmlAttachments orgHasPersonAccounts organizationId organizationMultiCurrency " +
			"organizationName profileId roleId sessionSecondsValid userDefaultCurrencyIsoCode userEmail userFullName userId " +
			"userLanguage userLocale userName userTimeZone userType userUiSkin"
		if got := strings.Join(names, " "); got != want {
			t.Errorf("elements\n got %s\nwant %s", got, want)
		}
		for _, frag := range []string{
			"<serverUrl>" + ts.URL + "/services/Soap/u/58.0/" + s.org.ID15 + "</serverUrl>",
			"<metadataServerUrl>" + ts.URL + "/services/Soap/m/58.0/" + s.org.ID15 + "</metadataServerUrl>",
			"<userId>" + s.org.User.ID + "</userId>", "<organizationId>" + s.org.ID + "</organizationId>",
			"<passwordExpired>false</passwordExpired>", "<sessionSecondsValid>7200</sessionSecondsValid>",
		} {
			if !strings.Contains(body, frag) {
				t.Errorf("missing %s in %s", frag, body)
			}
		}
		sid := regexp.MustCompile(`<sessionId>(00D[^!]{12}![^<]+)</sessionId>`).FindStringSubmatch(body)
		if sid == nil || !strings.HasPrefix(sid[1], s.org.ID15+"!") {
			t.Fatalf("session id: %s", body)
		}
		if code, _, b := do(t, "GET", ts.URL+"/services/data/v58.0/limits", sid[1], nil); code != 200 {
			t.Errorf("session does not work: %d %s", code, b)
		}
	}
}

const invalidLoginFault = `<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:sf="urn:fault.partner.soap.sforce.com" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><soapenv:Body><soapenv:Fault><faultcode>sf:INVALID_LOGIN</faultcode><faultstring>INVALID_LOGIN: Invalid username, password, security token; or user locked out.</faultstring><detail><sf:LoginFault xsi:type="sf:LoginFault"><sf:exceptionCode>INVALID_LOGIN</sf:exceptionCode><sf:exceptionMessage>Invalid username, password, security token; or user locked out.</sf:exceptionMessage></sf:LoginFault></detail></soapenv:Fault></soapenv:Body></soapenv:Envelope>`

func TestSOAPLoginFaults(t *testing.T) {
	_, ts := newTestServer(t, Options{})
	// Bad credentials: the recorded fault, byte for byte (spec §1.2).
	for _, pw := range []string{"demo", "wrong", "demodemox", ""} {
		code, ctype, body := soapPost(t, ts.URL+"/services/Soap/u/58.0", sprintf(jsforceLogin, DemoUsername, pw))
		if code != 500 || ctype != contentXML || body != invalidLoginFault {
			t.Errorf("password %q: %d %s %s", pw, code, ctype, body)
		}
	}
	// Retired from 65.0 on.
	code, _, body := soapPost(t, ts.URL+"/services/Soap/u/65.0", sprintf(jsforceLogin, DemoUsername, "demodemo"))
	if code != 500 || !strings.Contains(body, "<faultcode>sf:INVALID_LOGIN</faultcode>") || !strings.Contains(body, "65.0") {
		t.Errorf("v65: %d %s", code, body)
	}
	// Versions below 31.0 are gone.
	code, _, body = soapPost(t, ts.URL+"/services/Soap/u/30.0", sprintf(jsforceLogin, DemoUsername, "demodemo"))
	if code != 500 || !strings.Contains(body, "<faultcode>sf:UNSUPPORTED_API_VERSION</faultcode>") {
		t.Errorf("v30: %d %s", code, body)
	}
	// Not an envelope.
	code, _, body = soapPost(t, ts.URL+"/services/Soap/u/58.0", "<notsoap/>")
	if code != 500 || !strings.Contains(body, "<faultcode>soapenv:Client</faultcode>") {
		t.Errorf("not soap: %d %s", code, body)
	}
	// Operations other than login/logout fail loudly.
	code, _, body = soapPost(t, ts.URL+"/services/Soap/u/58.0", `<se:Envelope xmlns:se="http://schemas.xmlsoap.org/soap/envelope/"><se:Body><query xmlns="urn:partner.soap.sforce.com"><queryString>SELECT Id FROM Account</queryString></query></se:Body></se:Envelope>`)
	if code != 500 || !strings.Contains(body, "query() is not implemented") {
		t.Errorf("query op: %d %s", code, body)
	}
	// GET is not a SOAP call.
	if code, _, _ := do(t, "GET", ts.URL+"/services/Soap/u/58.0", "", nil); code != 405 {
		t.Errorf("GET: %d", code)
	}
}

func TestSOAPLogout(t *testing.T) {
	_, ts := newTestServer(t, Options{})
	tok := login(t, ts.URL)
	env := `<se:Envelope xmlns:se="http://schemas.xmlsoap.org/soap/envelope/"><se:Header><SessionHeader xmlns="urn:partner.soap.sforce.com"><sessionId>` + tok + `</sessionId></SessionHeader></se:Header><se:Body><logout xmlns="urn:partner.soap.sforce.com"/></se:Body></se:Envelope>`
	code, _, body := soapPost(t, ts.URL+"/services/Soap/u/58.0/x", env)
	if code != 200 || !strings.Contains(body, "<logoutResponse/>") {
		t.Fatalf("%d %s", code, body)
	}
	if code, _, _ := do(t, "GET", ts.URL+"/services/data/v58.0/limits", tok, nil); code != 401 {
		t.Errorf("session alive after logout: %d", code)
	}
	code, _, body = soapPost(t, ts.URL+"/services/Soap/u/58.0", env)
	if code != 500 || !strings.Contains(body, "sf:INVALID_SESSION_ID") {
		t.Errorf("second logout: %d %s", code, body)
	}
}

func tokenKeys(t *testing.T, body []byte) string {
	t.Helper()
	n, err := parseShape(body)
	if err != nil {
		t.Fatal(err)
	}
	return strings.Join(n.keys, ",")
}

func TestOAuthPasswordGrant(t *testing.T) {
	s, ts := newTestServer(t, Options{})
	code, body := postForm(t, ts.URL+"/services/oauth2/token", passwordForm())
	if code != 200 {
		t.Fatalf("%d %s", code, body)
	}
	if got := tokenKeys(t, body); got != "access_token,instance_url,id,token_type,issued_at,signature" {
		t.Errorf("keys %s", got)
	}
	var tok struct {
		AccessToken, InstanceURL, ID, TokenType, IssuedAt, Signature string
	}
	mustUnmarshal(t, []byte(strings.NewReplacer(`"access_token"`, `"AccessToken"`, `"instance_url"`, `"InstanceURL"`,
		`"token_type"`, `"TokenType"`, `"issued_at"`, `"IssuedAt"`).Replace(string(body))), &tok)
	if !strings.HasPrefix(tok.AccessToken, s.org.ID15+"!") || tok.InstanceURL != ts.URL || tok.TokenType != "Bearer" ||
		tok.ID != ts.URL+"/id/"+s.org.ID+"/"+s.org.User.ID || !regexp.MustCompile(`^\d{13}$`).MatchString(tok.IssuedAt) {
		t.Errorf("token %+v", tok)
	}
	if _, err := base64.StdEncoding.DecodeString(tok.Signature); err != nil || tok.Signature == "" {
		t.Errorf("signature %q", tok.Signature)
	}
}

func TestOAuthErrors(t *testing.T) {
	_, ts := newTestServer(t, Options{})
	tokenURL := ts.URL + "/services/oauth2/token"
	with := func(k, v string) url.Values {
		f := passwordForm()
		if v == "" {
			f.Del(k)
		} else {
			f.Set(k, v)
		}
		return f
	}
	for _, c := range []struct {
		form url.Values
		code int
		body string
	}{
		{with("client_id", "other"), 400, `{"error":"invalid_client_id","error_description":"client identifier invalid"}`},
		{with("client_secret", "wrong"), 400, `{"error":"invalid_client","error_description":"invalid client credentials"}`},
		{with("username", "nobody@example.com"), 400, `{"error":"invalid_grant","error_description":"authentication failure"}`},
		{with("password", "demo"), 400, `{"error":"invalid_grant","error_description":"authentication failure"}`},
		{with("grant_type", ""), 400, `{"error":"invalid_request","error_description":"grant type is missing"}`},
		{with("grant_type", "authorization_code"), 400, `{"error":"unsupported_grant_type","error_description":"grant type not supported"}`},
		{url.Values{"grant_type": {"client_credentials"}, "client_id": {DemoClientID}, "client_secret": {"x"}}, 401, `{"error":"invalid_client","error_description":"invalid client credentials"}`},
		{url.Values{"grant_type": {"urn:ietf:params:oauth:grant-type:jwt-bearer"}, "assertion": {"not.a.jwt"}}, 400, `{"error":"invalid_grant","error_description":"invalid assertion"}`},
	} {
		code, body := postForm(t, tokenURL, c.form)
		if code != c.code || string(body) != c.body {
			t.Errorf("%v: %d %s, want %d %s", c.form, code, body, c.code, c.body)
		}
	}
	if code, _, _ := do(t, "GET", tokenURL, "", nil); code != 405 {
		t.Errorf("GET token: %d", code)
	}
}

func TestOAuthClientCredentials(t *testing.T) {
	_, ts := newTestServer(t, Options{})
	// In the body.
	code, body := postForm(t, ts.URL+"/services/oauth2/token", url.Values{"grant_type": {"client_credentials"},
		"client_id": {DemoClientID}, "client_secret": {DemoClientSecret}})
	if code != 200 || tokenKeys(t, body) != "access_token,signature,scope,instance_url,id,token_type,issued_at" {
		t.Fatalf("%d %s", code, body)
	}
	// As HTTP Basic (simple-salesforce).
	code, _, body = do(t, "POST", ts.URL+"/services/oauth2/token", "", strings.NewReader("grant_type=client_credentials"),
		"Content-Type", "application/x-www-form-urlencoded",
		"Authorization", "Basic "+base64.StdEncoding.EncodeToString([]byte(DemoClientID+":"+DemoClientSecret)))
	if code != 200 || !strings.Contains(string(body), `"access_token":"00D`) {
		t.Fatalf("basic: %d %s", code, body)
	}
}

func TestOAuthRefreshToken(t *testing.T) {
	s, ts := newTestServer(t, Options{})
	code, body := postForm(t, ts.URL+"/services/oauth2/token", url.Values{"grant_type": {"refresh_token"},
		"client_id": {DemoClientID}, "client_secret": {DemoClientSecret}, "refresh_token": {DemoRefreshToken}})
	if code != 200 || tokenKeys(t, body) != "access_token,signature,scope,instance_url,id,token_type,issued_at" {
		t.Fatalf("%d %s", code, body)
	}
	// The secret is optional, but checked when given.
	code, body = postForm(t, ts.URL+"/services/oauth2/token", url.Values{"grant_type": {"refresh_token"},
		"client_id": {DemoClientID}, "refresh_token": {DemoRefreshToken}})
	if code != 200 {
		t.Fatalf("without secret: %d %s", code, body)
	}
	code, body = postForm(t, ts.URL+"/services/oauth2/token", url.Values{"grant_type": {"refresh_token"},
		"client_id": {DemoClientID}, "client_secret": {"bad"}, "refresh_token": {DemoRefreshToken}})
	if code != 400 || string(body) != `{"error":"invalid_client","error_description":"invalid client credentials"}` {
		t.Fatalf("bad secret: %d %s", code, body)
	}
	// An issued refresh token works until revoked.
	rt := s.IssueRefreshToken()
	form := url.Values{"grant_type": {"refresh_token"}, "client_id": {DemoClientID}, "refresh_token": {rt}}
	if code, body := postForm(t, ts.URL+"/services/oauth2/token", form); code != 200 {
		t.Fatalf("issued token: %d %s", code, body)
	}
	if code, _ := postForm(t, ts.URL+"/services/oauth2/revoke", url.Values{"token": {rt}}); code != 200 {
		t.Fatalf("revoke: %d", code)
	}
	if code, body := postForm(t, ts.URL+"/services/oauth2/token", form); code != 400 || !strings.Contains(string(body), "expired access/refresh token") {
		t.Fatalf("revoked token: %d %s", code, body)
	}
}

// jwtKey makes an RSA key and a self-signed certificate for it.
func jwtKey(t *testing.T) (*rsa.PrivateKey, []byte) {
	t.Helper()
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "soqlgate test"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour)}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	return key, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})
}

func TestOAuthJWTBearer(t *testing.T) {
	key, cert := jwtKey(t)
	other, _ := jwtKey(t)
	_, ts := newTestServer(t, Options{JWTCertificatePEM: cert})
	sign := func(k *rsa.PrivateKey, method jwt.SigningMethod, claims jwt.MapClaims) string {
		s, err := jwt.NewWithClaims(method, claims).SignedString(k)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	good := func() jwt.MapClaims {
		return jwt.MapClaims{"iss": DemoClientID, "sub": DemoUsername, "aud": "https://login.salesforce.com",
			"exp": time.Now().Add(3 * time.Minute).Unix()}
	}
	post := func(assertion string) (int, string) {
		code, body := postForm(t, ts.URL+"/services/oauth2/token", url.Values{
			"grant_type": {"urn:ietf:params:oauth:grant-type:jwt-bearer"}, "assertion": {assertion}})
		return code, string(body)
	}
	code, body := post(sign(key, jwt.SigningMethodRS256, good()))
	if code != 200 || tokenKeys(t, []byte(body)) != "access_token,scope,instance_url,id,token_type" {
		t.Fatalf("good assertion: %d %s", code, body)
	}
	c := good()
	c["aud"] = ts.URL // the instance (My Domain) is an audience too
	if code, body := post(sign(key, jwt.SigningMethodRS256, c)); code != 200 {
		t.Errorf("instance audience: %d %s", code, body)
	}
	bad := func(mut func(jwt.MapClaims)) jwt.MapClaims { c := good(); mut(c); return c }
	for _, tc := range []struct {
		name      string
		assertion string
		want      string
	}{
		{"other key", sign(other, jwt.SigningMethodRS256, good()), `{"error":"invalid_grant","error_description":"invalid assertion"}`},
		{"RS512", sign(key, jwt.SigningMethodRS512, good()), `{"error":"invalid_grant","error_description":"invalid assertion"}`},
		{"expired", sign(key, jwt.SigningMethodRS256, bad(func(c jwt.MapClaims) { c["exp"] = time.Now().Add(-time.Minute).Unix() })), `{"error":"invalid_grant","error_description":"expired authorization code"}`},
		{"no exp", sign(key, jwt.SigningMethodRS256, bad(func(c jwt.MapClaims) { delete(c, "exp") })), `{"error":"invalid_grant","error_description":"invalid assertion"}`},
		{"issuer", sign(key, jwt.SigningMethodRS256, bad(func(c jwt.MapClaims) { c["iss"] = "other-app" })), `{"error":"invalid_client_id","error_description":"client identifier invalid"}`},
		{"audience", sign(key, jwt.SigningMethodRS256, bad(func(c jwt.MapClaims) { c["aud"] = "https://evil.example.com" })), `{"error":"invalid_grant","error_description":"audience is invalid"}`},
		{"subject", sign(key, jwt.SigningMethodRS256, bad(func(c jwt.MapClaims) { c["sub"] = "someone@else.com" })), `{"error":"invalid_grant","error_description":"user hasn't approved this consumer"}`},
	} {
		if code, body := post(tc.assertion); code != 400 || body != tc.want {
			t.Errorf("%s: %d %s", tc.name, code, body)
		}
	}
	// Without a configured certificate no assertion verifies.
	_, ts2 := newTestServer(t, Options{})
	code, b := postForm(t, ts2.URL+"/services/oauth2/token", url.Values{
		"grant_type": {"urn:ietf:params:oauth:grant-type:jwt-bearer"}, "assertion": {sign(key, jwt.SigningMethodRS256, good())}})
	if code != 400 {
		t.Errorf("no cert: %d %s", code, b)
	}
}

func TestSessionHeaders(t *testing.T) {
	_, ts := newTestServer(t, Options{})
	tok := login(t, ts.URL)
	u := ts.URL + "/services/data/v58.0/limits"
	for _, h := range [][]string{
		{"Authorization", "Bearer " + tok}, {"Authorization", "OAuth " + tok}, {"authorization", "bearer " + tok},
		{"X-SFDC-Session", tok}, {"x-sfdc-session", tok},
	} {
		if code, _, body := do(t, "GET", u, "", nil, h...); code != 200 {
			t.Errorf("%v: %d %s", h, code, body)
		}
	}
	for _, h := range [][]string{
		{"Authorization", "Basic " + tok}, {"Authorization", "Bearer " + tok + "x"}, {"Authorization", "Bearer"}, {"X-SFDC-Session", ""},
	} {
		if code, _, _ := do(t, "GET", u, "", nil, h...); code != 401 {
			t.Errorf("%v: %d", h, code)
		}
	}
}

func TestSessionLifetime(t *testing.T) {
	s, ts := newTestServer(t, Options{SessionLifetime: 150 * time.Millisecond})
	tok := login(t, ts.URL)
	u := ts.URL + "/services/data/v58.0/limits"
	if code, _, _ := do(t, "GET", u, tok, nil); code != 200 {
		t.Fatalf("fresh: %d", code)
	}
	time.Sleep(200 * time.Millisecond)
	if code, _, body := do(t, "GET", u, tok, nil); code != 401 || !strings.Contains(string(body), "INVALID_SESSION_ID") {
		t.Fatalf("expired: %d %s", code, body)
	}
	// SOAP reports the lifetime it grants.
	s.SetSessionLifetime(time.Hour)
	_, _, body := soapPost(t, ts.URL+"/services/Soap/u/58.0", sprintf(jsforceLogin, DemoUsername, "demodemo"))
	if !strings.Contains(body, "<sessionSecondsValid>3600</sessionSecondsValid>") {
		t.Errorf("sessionSecondsValid: %s", body)
	}
}

func TestIdentityAndRevoke(t *testing.T) {
	s, ts := newTestServer(t, Options{})
	tok := login(t, ts.URL)
	idURL := ts.URL + "/id/" + s.org.ID + "/" + s.org.User.ID
	code, _, body := do(t, "GET", idURL+"?format=json&oauth_token="+url.QueryEscape(tok), "", nil)
	if code != 200 || !strings.Contains(string(body), `"user_id":"`+s.org.User.ID+`","organization_id":"`+s.org.ID+`"`) {
		t.Fatalf("identity: %d %s", code, body)
	}
	if code, _, _ := do(t, "GET", idURL, "", nil); code != 403 {
		t.Errorf("identity without token: %d", code)
	}
	code, b := postForm(t, ts.URL+"/services/oauth2/revoke", url.Values{"token": {tok}})
	if code != 200 {
		t.Fatalf("revoke: %d %s", code, b)
	}
	if code, _, _ := do(t, "GET", ts.URL+"/services/data/v58.0/limits", tok, nil); code != 401 {
		t.Errorf("revoked token still works: %d", code)
	}
	if code, _ := postForm(t, ts.URL+"/services/oauth2/revoke", url.Values{"token": {tok}}); code != 400 {
		t.Errorf("revoking twice: %d", code)
	}
}
