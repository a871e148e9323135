package sfapi

import (
	"context"
	"errors"
	"strings"
)

// session is what a login yields.
type session struct {
	token       string
	instanceURL string // scheme://host[:port]
	userID      string
	orgID       string
	idURL       string
}

// Session describes the current login (never the token itself).
type Session struct {
	InstanceURL string
	UserID      string
	OrgID       string
	IdentityURL string
	Flow        Flow
}

// Login logs in now (it is otherwise done by the first request) and
// returns the session's description.
func (c *Client) Login(ctx context.Context) (Session, error) {
	c.sessMu.RLock()
	gen := c.gen
	c.sessMu.RUnlock()
	if gen == 0 || c.flow != FlowAccessToken {
		if err := c.relogin(ctx, gen); err != nil {
			return Session{}, err
		}
	}
	c.sessMu.RLock()
	defer c.sessMu.RUnlock()
	return Session{InstanceURL: c.sess.instanceURL, UserID: c.sess.userID, OrgID: c.sess.orgID, IdentityURL: c.sess.idURL, Flow: c.flow}, nil
}

// Current describes the session in use, logging in only when there is
// none yet (Login always logs in again). Callers that need the instance
// URL on every statement use this, so a statement costs no login.
func (c *Client) Current(ctx context.Context) (Session, error) {
	if _, _, err := c.session(ctx); err != nil {
		return Session{}, err
	}
	c.sessMu.RLock()
	defer c.sessMu.RUnlock()
	return Session{InstanceURL: c.sess.instanceURL, UserID: c.sess.userID, OrgID: c.sess.orgID, IdentityURL: c.sess.idURL, Flow: c.flow}, nil
}

// session returns the current session and its generation, logging in
// first when there is none.
func (c *Client) session(ctx context.Context) (session, uint64, error) {
	c.sessMu.RLock()
	s, gen := c.sess, c.gen
	c.sessMu.RUnlock()
	if gen != 0 {
		return s, gen, nil
	}
	if err := c.relogin(ctx, 0); err != nil {
		return session{}, 0, err
	}
	c.sessMu.RLock()
	defer c.sessMu.RUnlock()
	return c.sess, c.gen, nil
}

// relogin replaces the session of generation failed. Callers that come
// while a login is under way wait for it and use its result: one login
// serves every caller that saw the same expired session.
func (c *Client) relogin(ctx context.Context, failed uint64) error {
	c.authMu.Lock()
	defer c.authMu.Unlock()
	c.sessMu.RLock()
	cur := c.gen
	c.sessMu.RUnlock()
	if cur != failed {
		return nil // someone else logged in meanwhile
	}
	flow := c.flow
	if cur != 0 || flow == FlowAccessToken {
		flow = c.reloginFlow
	}
	if flow == "" || flow == FlowAccessToken {
		return c.scrub(&LoginError{Flow: FlowAccessToken, Err: errors.New("the given access token expired or is invalid, and no other credentials are configured")})
	}
	s, err := c.login(ctx, flow)
	if err != nil {
		var le *LoginError
		if !errors.As(err, &le) {
			err = &LoginError{Flow: flow, Err: err}
		}
		return c.scrub(err)
	}
	c.addSecret(s.token)
	c.sessMu.Lock()
	c.sess = s
	c.gen = cur + 1
	c.sessMu.Unlock()
	c.logf("sfapi: logged in (%s) to %s", flow, s.instanceURL)
	return nil
}

func (c *Client) login(ctx context.Context, flow Flow) (session, error) {
	switch flow {
	case FlowSOAP:
		return c.loginSOAP(ctx)
	case FlowPassword, FlowClientCredentials, FlowRefreshToken, FlowJWT:
		return c.loginOAuth(ctx, flow)
	}
	return session{}, errors.New("sfapi: no login flow")
}

// idsFromIdentityURL takes org and user ids from ".../id/<org>/<user>".
func idsFromIdentityURL(id string) (org, user string) {
	parts := strings.Split(strings.TrimRight(id, "/"), "/")
	if len(parts) >= 3 && parts[len(parts)-3] == "id" {
		return parts[len(parts)-2], parts[len(parts)-1]
	}
	return "", ""
}
