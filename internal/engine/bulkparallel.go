package engine

import (
	"context"
	"io"

	"golang.org/x/sync/errgroup"

	"github.com/soqlgate/soqlgate/translator"
)

// parallelChunkRows is how many converted rows a page reader hands over at
// a time.
const parallelChunkRows = 1000

// parallelBulkSource reads a Bulk 2.0 job's result pages several at a time
// (bulkParallelism): each page streams on its own connection, its rows
// converted and handed over in chunks, so memory stays bounded by the
// number of pages in flight. Rows come in no particular order, as Bulk
// results have none.
type parallelBulkSource struct {
	cancel context.CancelFunc
	chunks chan rowChunk
	done   chan struct{} // closed when every page reader has returned
	cur    [][]any
	err    error
}

type rowChunk struct {
	rows [][]any
	err  error
}

func (e *Engine) openParallelBulk(ctx context.Context, sc *translator.Scan, links []string, par int) source {
	ctx, cancel := context.WithCancel(ctx)
	s := &parallelBulkSource{cancel: cancel, chunks: make(chan rowChunk), done: make(chan struct{})}
	send := func(c rowChunk) bool {
		select {
		case s.chunks <- c:
			return true
		case <-ctx.Done():
			return false
		}
	}
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(par)
	go func() {
		defer close(s.done)
		defer close(s.chunks)
		for _, link := range links {
			g.Go(func() error { return e.readPage(gctx, sc, link, send) })
		}
		if err := g.Wait(); err != nil {
			send(rowChunk{err: err})
		}
	}()
	return s
}

// readPage streams one result page, converting its records.
func (e *Engine) readPage(ctx context.Context, sc *translator.Scan, link string, send func(rowChunk) bool) error {
	res, err := e.client.QueryJobResultsPage(ctx, link)
	if err != nil {
		return err
	}
	defer res.Close()
	var read []func([]string) (any, error)
	for _, c := range sc.Columns {
		r, err := e.bulkReader(ctx, sc, c, res.Columns())
		if err != nil {
			return err
		}
		read = append(read, r)
	}
	batch := make([][]any, 0, parallelChunkRows)
	for res.Next() {
		rec := res.Record()
		row := make([]any, len(read))
		for j, r := range read {
			if row[j], err = r(rec); err != nil {
				return err
			}
		}
		if batch = append(batch, row); len(batch) == parallelChunkRows {
			if !send(rowChunk{rows: batch}) {
				return context.Cause(ctx)
			}
			batch = make([][]any, 0, parallelChunkRows)
		}
	}
	if err := res.Err(); err != nil {
		return err
	}
	if len(batch) > 0 && !send(rowChunk{rows: batch}) {
		return context.Cause(ctx)
	}
	return nil
}

func (s *parallelBulkSource) next() ([]any, error) {
	for len(s.cur) == 0 {
		if s.err != nil {
			return nil, s.err
		}
		c, ok := <-s.chunks
		if !ok {
			s.err = io.EOF
			continue
		}
		if c.err != nil {
			s.err = c.err
			continue
		}
		s.cur = c.rows
	}
	row := s.cur[0]
	s.cur = s.cur[1:]
	return row, nil
}

func (s *parallelBulkSource) close() error {
	s.cancel()
	for range s.chunks { // let blocked readers return
	}
	<-s.done
	return nil
}
