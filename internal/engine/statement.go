package engine

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/soqlgate/soqlgate/catalog"
	"github.com/soqlgate/soqlgate/internal/sfapi"
	"github.com/soqlgate/soqlgate/translator"
)

// maxDescribeRounds bounds the translate → describe → translate loop: each
// round adds the objects the translator found it needed (relationships
// reach further objects), and a statement reaches only so many.
const maxDescribeRounds = 6

// plan describes what sql names, translates it, and describes again as
// long as the translator asks for more objects (the two-phase protocol of
// translator's doc).
func (e *Engine) plan(ctx context.Context, sql string, args []any) (*translator.Plan, *catalog.Snapshot, error) {
	ts := e.translatorSettings(args)
	names, err := translator.Objects(sql, ts)
	if err != nil {
		return nil, nil, err
	}
	snap, err := e.snapshot(ctx, names)
	var unknown *catalog.ResolveError
	if errors.As(err, &unknown) {
		return nil, nil, e.explainUnknown(ctx, sql, ts, names, unknown)
	}
	if err != nil {
		return nil, nil, err
	}
	for round := 0; ; round++ {
		p, err := translator.Translate(sql, snap, ts)
		var need *translator.NeedObjectsError
		if !errors.As(err, &need) || round == maxDescribeRounds {
			if err == nil && len(p.Params) > 0 && !p.Bound {
				return nil, nil, fmt.Errorf("engine: the statement has %d parameter(s) but no arguments were given", len(p.Params))
			}
			return p, snap, err
		}
		names = append(names, need.Objects...)
		if snap, err = e.snapshot(ctx, names); err != nil {
			return nil, nil, err
		}
	}
}

// explainUnknown chooses the error for a statement naming an object the
// org does not have. The name may not be meant as an object at all (a CTE,
// a subquery alias): when the statement translated without that name fails
// for another reason (WITH is unsupported, a syntax error), that reason is
// the one to give; otherwise the unknown object, with its suggestion.
func (e *Engine) explainUnknown(ctx context.Context, sql string, ts translator.Settings, names []string, unknown *catalog.ResolveError) error {
	var known []string
	for _, n := range names {
		if !strings.EqualFold(n, unknown.Name) {
			known = append(known, n)
		}
	}
	snap, err := e.snapshot(ctx, known)
	if err != nil {
		return unknown
	}
	_, terr := translator.Translate(sql, snap, ts)
	var unsupported *translator.UnsupportedError
	var syntax *translator.SyntaxError
	if errors.As(terr, &unsupported) || errors.As(terr, &syntax) {
		return terr
	}
	return unknown
}

// snapshot describes names (cached) and turns an unknown object into a
// *catalog.ResolveError with the nearest object name of the org.
func (e *Engine) snapshot(ctx context.Context, names []string) (*catalog.Snapshot, error) {
	scope, err := e.scope(ctx)
	if err != nil {
		return nil, err
	}
	snap, err := e.cache.Snapshot(ctx, scope, names, e.fetchDescribe)
	if err == nil {
		return snap, nil
	}
	if !errors.Is(err, sfapi.ErrNotFound) {
		return nil, err
	}
	global, gerr := e.cache.Global(ctx, scope, e.fetchGlobal)
	if gerr != nil {
		return nil, err
	}
	known := make([]string, 0, len(global))
	byLower := map[string]bool{}
	for _, o := range global {
		known = append(known, o.Name)
		byLower[strings.ToLower(o.Name)] = true
	}
	for _, n := range names {
		if !byLower[strings.ToLower(n)] {
			return nil, &catalog.ResolveError{Kind: catalog.UnknownObject, Name: n, Suggestion: catalog.Suggest(n, known)}
		}
	}
	return nil, err
}

func (e *Engine) fetchDescribe(ctx context.Context, object string) ([]byte, error) {
	return e.client.DescribeRaw(ctx, object)
}

func (e *Engine) fetchGlobal(ctx context.Context) ([]byte, error) {
	return e.client.DescribeGlobalRaw(ctx)
}

func (e *Engine) translatorSettings(args []any) translator.Settings {
	s := e.settings
	return translator.Settings{
		Mode:                translator.Mode(strings.ToLower(s.QueryMode)),
		TimeZone:            s.TimeZone,
		ReadBehavior:        s.ReadBehavior,
		Now:                 e.now().UTC(),
		Args:                argsOrNil(args),
		WriteBehavior:       s.WriteBehavior,
		ExternalIDFieldName: s.ExternalIDFieldName,
	}
}

// argsOrNil keeps a statement without arguments cacheable: the translator
// caches plans only when Args is nil.
func argsOrNil(args []any) []any {
	if len(args) == 0 {
		return nil
	}
	return args
}
