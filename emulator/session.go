package emulator

import (
	"crypto/rand"
	"encoding/base64"
	"net/http"
	"strings"
	"time"
)

// orgInfo is the org's identity and its one user, the demo user.
type orgInfo struct {
	ID, ID15, Name string
	User           demoUser
}

// demoUser holds the credentials every login flow checks. They are
// published (README, startup banner): the emulator is a local test org.
type demoUser struct {
	ID, Username, Password, SecurityToken string
	ClientID, ClientSecret                string
	FirstName, LastName, Email, ProfileID string
}

// Demo credentials, as documented in the README.
const (
	DemoUsername      = "demo@soqlgate.local"
	DemoPassword      = "demo"
	DemoSecurityToken = "demo"
	DemoClientID      = "soqlgate-demo"
	DemoClientSecret  = "demo"
)

func demoOrg() orgInfo {
	id := newID("00D", 1)
	return orgInfo{
		ID: id, ID15: id[:15], Name: "soqlgate Demo Org",
		User: demoUser{
			ID: newID("005", 1), Username: DemoUsername, Password: DemoPassword, SecurityToken: DemoSecurityToken,
			ClientID: DemoClientID, ClientSecret: DemoClientSecret,
			FirstName: "Demo", LastName: "User", Email: DemoUsername, ProfileID: newID("00e", 1),
		},
	}
}

// session is an issued session id / access token.
type session struct {
	token   string
	userID  string
	issued  time.Time
	expires time.Time
}

// newSession issues a token shaped like Salesforce's: <orgId15>!<random>.
func (s *Server) newSession(userID string) *session {
	var b [48]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic("emulator: crypto/rand: " + err.Error())
	}
	now := time.Now()
	s.mu.Lock()
	defer s.mu.Unlock()
	sess := &session{
		token:   s.org.ID15 + "!" + base64.RawURLEncoding.EncodeToString(b[:]),
		userID:  userID,
		issued:  now,
		expires: now.Add(s.lifetime),
	}
	s.sessions[sess.token] = sess
	s.counts["sessionsIssued"]++
	return sess
}

// IssueRefreshToken issues a refresh token of the demo user for the demo
// connected app, as the web-server flow would; unlike DemoRefreshToken it
// can be revoked (/services/oauth2/revoke).
func (s *Server) IssueRefreshToken() string {
	_ = s.ready()
	return s.newRefreshToken(s.org.User.ID)
}

// newRefreshToken issues a refresh token for the user.
func (s *Server) newRefreshToken(userID string) string {
	var b [32]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic("emulator: crypto/rand: " + err.Error())
	}
	tok := "5Aep" + base64.RawURLEncoding.EncodeToString(b[:])
	s.mu.Lock()
	s.refresh[tok] = userID
	s.mu.Unlock()
	return tok
}

// sessionToken extracts the token of a request: Authorization: Bearer or
// OAuth, or X-SFDC-Session (header names are case-insensitive).
func sessionToken(r *http.Request) string {
	if a := r.Header.Get("Authorization"); a != "" {
		scheme, tok, ok := strings.Cut(a, " ")
		if ok && (strings.EqualFold(scheme, "Bearer") || strings.EqualFold(scheme, "OAuth")) {
			return strings.TrimSpace(tok)
		}
		return ""
	}
	return strings.TrimSpace(r.Header.Get("X-SFDC-Session"))
}

// authenticate returns the live session of the request, nil when the token
// is missing, unknown or expired.
func (s *Server) authenticate(r *http.Request) *session {
	return s.lookupSession(sessionToken(r))
}

func (s *Server) lookupSession(tok string) *session {
	if tok == "" {
		return nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	sess := s.sessions[tok]
	if sess == nil {
		return nil
	}
	if !time.Now().Before(sess.expires) {
		delete(s.sessions, tok)
		return nil
	}
	return sess
}

// revoke ends a session or a refresh token.
func (s *Server) revoke(tok string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.sessions[tok]; ok {
		delete(s.sessions, tok)
		return true
	}
	if _, ok := s.refresh[tok]; ok {
		delete(s.refresh, tok)
		return true
	}
	return false
}

// ExpireSessions invalidates every issued session (refresh tokens stay
// valid, as after a real session timeout).
func (s *Server) ExpireSessions() {
	_ = s.ready()
	s.mu.Lock()
	defer s.mu.Unlock()
	clear(s.sessions)
}
