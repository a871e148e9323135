package emulator

import (
	"crypto/hmac"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/pem"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

// oauthError is the token endpoint's error body.
type oauthError struct {
	Error       string `json:"error"`
	Description string `json:"error_description"`
}

var (
	errAuthFailure    = oauthError{"invalid_grant", "authentication failure"}
	errClientID       = oauthError{"invalid_client_id", "client identifier invalid"}
	errClientSecret   = oauthError{"invalid_client", "invalid client credentials"}
	errExpiredToken   = oauthError{"invalid_grant", "expired access/refresh token"}
	errBadAssertion   = oauthError{"invalid_grant", "invalid assertion"}
	errAudience       = oauthError{"invalid_grant", "audience is invalid"}
	errExpiredJWT     = oauthError{"invalid_grant", "expired authorization code"}
	errNotApproved    = oauthError{"invalid_grant", "user hasn't approved this consumer"}
	errGrantMissing   = oauthError{"invalid_request", "grant type is missing"}
	errGrantType      = oauthError{"unsupported_grant_type", "grant type not supported"}
	errInvalidToken   = oauthError{"unsupported_token_type", "this token type is not supported"}
	jwtGrantType      = "urn:ietf:params:oauth:grant-type:jwt-bearer"
	jwtAudiences      = []string{"https://login.salesforce.com", "https://test.salesforce.com"}
	tokenScopeAPI     = "api"
	tokenScopeRefresh = "refresh_token api"
)

// DemoRefreshToken is a refresh token the demo connected app holds from
// the start (as if the demo user had approved it in the web flow), so the
// refresh_token grant can be used without a browser.
const DemoRefreshToken = "5Aep861soqlgateDemoRefreshTokenForTheLocalOrg"

// serveOAuth answers /services/oauth2/{token,revoke}; the other OAuth
// endpoints (authorize, userinfo, introspect) fail loudly.
func (s *Server) serveOAuth(w http.ResponseWriter, r *http.Request, name string) {
	switch strings.TrimSuffix(name, "/") {
	case "token":
		s.count("token")
		if r.Method != http.MethodPost {
			w.Header().Set("Allow", "POST")
			writeJSON(w, http.StatusMethodNotAllowed, oauthError{"invalid_request", "must use HTTP POST"})
			return
		}
		if s.injectFault(w, r, "token", faultOAuth) {
			return
		}
		s.handleToken(w, r)
	case "revoke":
		s.count("revoke")
		if r.Method != http.MethodPost && r.Method != http.MethodGet {
			w.Header().Set("Allow", "GET, POST")
			writeJSON(w, http.StatusMethodNotAllowed, oauthError{"invalid_request", "must use HTTP POST"})
			return
		}
		if err := r.ParseForm(); err != nil || !s.revoke(r.Form.Get("token")) {
			writeJSON(w, http.StatusBadRequest, errInvalidToken)
			return
		}
		w.WriteHeader(http.StatusOK)
	case "authorize", "userinfo", "introspect":
		writeAPIError(w, http.StatusNotImplemented, "NOT_IMPLEMENTED",
			"soqlgate emulator: /services/oauth2/"+name+" is not implemented")
	default:
		notFound(w)
	}
}

func (s *Server) handleToken(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		writeJSON(w, http.StatusBadRequest, oauthError{"invalid_request", "invalid form body"})
		return
	}
	f := r.PostForm
	u := &s.org.User
	switch f.Get("grant_type") {
	case "":
		writeJSON(w, http.StatusBadRequest, errGrantMissing)
	case "password":
		if e := s.checkClient(f.Get("client_id"), f.Get("client_secret"), true); e != nil {
			writeJSON(w, http.StatusBadRequest, *e)
			return
		}
		if f.Get("username") != u.Username || f.Get("password") != u.Password+u.SecurityToken {
			writeJSON(w, http.StatusBadRequest, errAuthFailure)
			return
		}
		sess := s.newSession(u.ID)
		s.writeToken(w, r, sess, tokenFields{signature: true})
	case "client_credentials":
		id, secret := f.Get("client_id"), f.Get("client_secret")
		if bid, bsecret, ok := r.BasicAuth(); ok {
			id, secret = bid, bsecret
		}
		if e := s.checkClient(id, secret, true); e != nil {
			if e == &errClientSecret || id == "" {
				writeJSON(w, http.StatusUnauthorized, errClientSecret)
				return
			}
			writeJSON(w, http.StatusBadRequest, *e)
			return
		}
		sess := s.newSession(u.ID)
		s.writeToken(w, r, sess, tokenFields{signature: true, scope: tokenScopeAPI})
	case jwtGrantType:
		if e := s.checkAssertion(r, f.Get("assertion")); e != nil {
			writeJSON(w, http.StatusBadRequest, *e)
			return
		}
		sess := s.newSession(u.ID)
		s.writeToken(w, r, sess, tokenFields{scope: tokenScopeAPI})
	case "refresh_token":
		if e := s.checkClient(f.Get("client_id"), f.Get("client_secret"), false); e != nil {
			writeJSON(w, http.StatusBadRequest, *e)
			return
		}
		tok := f.Get("refresh_token")
		s.mu.Lock()
		userID, ok := s.refresh[tok]
		s.mu.Unlock()
		if tok == DemoRefreshToken {
			userID, ok = u.ID, true
		}
		if !ok {
			writeJSON(w, http.StatusBadRequest, errExpiredToken)
			return
		}
		sess := s.newSession(userID)
		s.writeToken(w, r, sess, tokenFields{signature: true, scope: tokenScopeRefresh})
	default:
		writeJSON(w, http.StatusBadRequest, errGrantType)
	}
}

// checkClient verifies the connected app's credentials; the secret is
// optional for the refresh_token grant (secretRequired false) but checked
// when given.
func (s *Server) checkClient(id, secret string, secretRequired bool) *oauthError {
	u := &s.org.User
	if id != u.ClientID {
		return &errClientID
	}
	if secret == "" && !secretRequired {
		return nil
	}
	if !hmac.Equal([]byte(secret), []byte(u.ClientSecret)) {
		return &errClientSecret
	}
	return nil
}

// checkAssertion verifies a JWT bearer assertion: RS256 signed by the key
// of the configured certificate, iss = the demo app's client id, sub = the
// demo username, aud = a login host (or this instance), exp in the future.
func (s *Server) checkAssertion(r *http.Request, assertion string) *oauthError {
	key, err := certificateKey(s.opts.JWTCertificatePEM)
	if err != nil {
		s.logf("emulator: jwt bearer: %v", err)
		return &errBadAssertion
	}
	claims := jwt.RegisteredClaims{}
	_, err = jwt.ParseWithClaims(assertion, &claims, func(*jwt.Token) (any, error) { return key, nil },
		jwt.WithValidMethods([]string{"RS256"}), jwt.WithExpirationRequired())
	switch {
	case errors.Is(err, jwt.ErrTokenExpired):
		return &errExpiredJWT
	case err != nil:
		return &errBadAssertion
	}
	u := &s.org.User
	if claims.Issuer != u.ClientID {
		return &errClientID
	}
	aud := append(append([]string{}, jwtAudiences...), instanceURL(r))
	okAud := false
	for _, a := range claims.Audience {
		for _, want := range aud {
			if strings.TrimSuffix(a, "/") == want {
				okAud = true
			}
		}
	}
	if !okAud {
		return &errAudience
	}
	if claims.Subject != u.Username {
		return &errNotApproved
	}
	return nil
}

// certificateKey extracts the RSA public key of a PEM certificate (or of a
// PEM public key).
func certificateKey(pemBytes []byte) (*rsa.PublicKey, error) {
	if len(pemBytes) == 0 {
		return nil, fmt.Errorf("emulator: no JWT certificate configured")
	}
	block, _ := pem.Decode(pemBytes)
	if block == nil {
		return nil, fmt.Errorf("emulator: JWT certificate is not PEM")
	}
	var pub any
	switch block.Type {
	case "CERTIFICATE":
		cert, err := x509.ParseCertificate(block.Bytes)
		if err != nil {
			return nil, fmt.Errorf("emulator: JWT certificate: %w", err)
		}
		pub = cert.PublicKey
	case "PUBLIC KEY":
		k, err := x509.ParsePKIXPublicKey(block.Bytes)
		if err != nil {
			return nil, fmt.Errorf("emulator: JWT public key: %w", err)
		}
		pub = k
	default:
		return nil, fmt.Errorf("emulator: JWT certificate PEM block is %q", block.Type)
	}
	key, ok := pub.(*rsa.PublicKey)
	if !ok {
		return nil, fmt.Errorf("emulator: JWT certificate key is not RSA")
	}
	return key, nil
}

type tokenFields struct {
	signature bool   // signature + issued_at
	scope     string // "" = no scope key
}

// writeToken writes a token response. Key order follows recorded
// responses: access_token, [signature, scope,] instance_url, id,
// token_type, issued_at — the password grant as recorded
// (access_token, instance_url, id, token_type, issued_at, signature).
func (s *Server) writeToken(w http.ResponseWriter, r *http.Request, sess *session, tf tokenFields) {
	id := s.identityURL(r, sess.userID)
	issued := strconv.FormatInt(sess.issued.UnixMilli(), 10)
	mac := hmac.New(sha256.New, []byte(s.org.User.ClientSecret))
	mac.Write([]byte(id + issued))
	sig := base64.StdEncoding.EncodeToString(mac.Sum(nil))

	b := []byte(`{"access_token":`)
	b = appendJSONString(b, sess.token)
	if tf.scope != "" {
		if tf.signature {
			b = append(b, `,"signature":`...)
			b = appendJSONString(b, sig)
		}
		b = append(b, `,"scope":`...)
		b = appendJSONString(b, tf.scope)
	}
	b = append(b, `,"instance_url":`...)
	b = appendJSONString(b, instanceURL(r))
	b = append(b, `,"id":`...)
	b = appendJSONString(b, id)
	b = append(b, `,"token_type":"Bearer"`...)
	if tf.signature {
		b = append(b, `,"issued_at":`...)
		b = appendJSONString(b, issued)
		if tf.scope == "" {
			b = append(b, `,"signature":`...)
			b = appendJSONString(b, sig)
		}
	}
	w.Header().Set("Cache-Control", "no-cache,must-revalidate,max-age=0,no-store,private")
	writeRawJSON(w, http.StatusOK, append(b, '}'))
}

// serveIdentity answers GET /id/<orgId>/<userId> (jsforce identity()):
// the token comes as Authorization or ?oauth_token=.
func (s *Server) serveIdentity(w http.ResponseWriter, r *http.Request, rest string) {
	s.count("identity")
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		methodNotAllowed(w, r, []string{"GET", "HEAD"})
		return
	}
	tok := sessionToken(r)
	if tok == "" {
		tok = r.URL.Query().Get("oauth_token")
	}
	sess := s.lookupSession(tok)
	if sess == nil {
		w.Header().Set("Content-Type", "text/plain;charset=UTF-8")
		w.WriteHeader(http.StatusForbidden)
		_, _ = w.Write([]byte("Bad_OAuth_Token"))
		return
	}
	org, user, _ := strings.Cut(strings.TrimSuffix(rest, "/"), "/")
	if c, ok := canonicalID(org); !ok || c != s.org.ID {
		notFound(w)
		return
	}
	if c, ok := canonicalID(user); !ok || c != s.org.User.ID {
		notFound(w)
		return
	}
	if s.injectFault(w, r, "identity", faultREST) {
		return
	}
	u := &s.org.User
	inst := instanceURL(r)
	urls := func(kind string) string {
		return inst + "/services/" + kind + "/{version}/" + s.org.ID15
	}
	type urlSet struct {
		Enterprise string `json:"enterprise"`
		Metadata   string `json:"metadata"`
		Partner    string `json:"partner"`
		REST       string `json:"rest"`
		SObjects   string `json:"sobjects"`
		Search     string `json:"search"`
		Query      string `json:"query"`
		Recent     string `json:"recent"`
		Profile    string `json:"profile"`
	}
	data := inst + "/services/data/v{version}/"
	writeJSON(w, http.StatusOK, struct {
		ID               string `json:"id"`
		AssertedUser     bool   `json:"asserted_user"`
		UserID           string `json:"user_id"`
		OrganizationID   string `json:"organization_id"`
		Username         string `json:"username"`
		NickName         string `json:"nick_name"`
		DisplayName      string `json:"display_name"`
		Email            string `json:"email"`
		EmailVerified    bool   `json:"email_verified"`
		FirstName        string `json:"first_name"`
		LastName         string `json:"last_name"`
		Timezone         string `json:"timezone"`
		Active           bool   `json:"active"`
		UserType         string `json:"user_type"`
		Language         string `json:"language"`
		Locale           string `json:"locale"`
		UTCOffset        int    `json:"utcOffset"`
		LastModifiedDate string `json:"last_modified_date"`
		URLs             urlSet `json:"urls"`
	}{
		ID: s.identityURL(r, u.ID), AssertedUser: true, UserID: u.ID, OrganizationID: s.org.ID,
		Username: u.Username, NickName: "demo", DisplayName: u.FirstName + " " + u.LastName, Email: u.Email,
		EmailVerified: true, FirstName: u.FirstName, LastName: u.LastName, Timezone: "America/Los_Angeles",
		Active: true, UserType: "STANDARD", Language: "en_US", Locale: "en_US", UTCOffset: -28800000,
		LastModifiedDate: sfDateTime(time.Date(2026, 1, 5, 9, 0, 0, 0, time.UTC)),
		URLs: urlSet{
			Enterprise: urls("Soap/c"), Metadata: urls("Soap/m"),
			Partner: urls("Soap/u"), REST: data, SObjects: data + "sobjects/", Search: data + "search/",
			Query: data + "query/", Recent: data + "recent/", Profile: inst + "/" + u.ID,
		},
	})
}
