package sfapi

import "context"

// pager hands out the rows of a paged result while a goroutine fetches the
// page after the current one: at most the page being read, one ready page
// and one being fetched are in memory. Rows and Bulk2Results are pagers.
type pager[T any] struct {
	ctx    context.Context
	cancel context.CancelFunc
	cur    []T
	pos    int
	row    T
	pages  chan pageOf[T] // later pages, from the fetcher goroutine
	fetch  chan struct{}  // closed when the fetcher has exited
	done   bool
	err    error
	npages int // pages handed over so far, the first included
}

type pageOf[T any] struct {
	rows []T
	last bool
	err  error
}

// start hands over the first page and, unless it is the last, starts the
// fetcher; next returns the following page each time it is called.
func (p *pager[T]) start(first []T, last bool, next func() ([]T, bool, error)) {
	p.cur, p.npages = first, 1
	if last {
		p.done = true
		return
	}
	p.pages = make(chan pageOf[T])
	p.fetch = make(chan struct{})
	go func() {
		defer close(p.fetch)
		defer close(p.pages)
		for {
			rows, last, err := next()
			select {
			case p.pages <- pageOf[T]{rows, last, err}:
			case <-p.ctx.Done():
				return
			}
			if err != nil || last {
				return
			}
		}
	}()
}

// next advances to the next row, waiting for the next page when needed.
func (p *pager[T]) next() bool {
	var zero T
	for {
		if p.err != nil {
			return false
		}
		if p.pos < len(p.cur) {
			p.row = p.cur[p.pos]
			p.cur[p.pos] = zero // let the page go as it is consumed
			p.pos++
			return true
		}
		if p.done {
			p.row = zero
			return false
		}
		pg, ok := <-p.pages
		if !ok {
			p.done = true
			if p.ctx.Err() != nil {
				p.err = context.Cause(p.ctx)
			}
			continue
		}
		if pg.err != nil {
			p.err = pg.err
			return false
		}
		p.npages++
		p.cur, p.pos, p.done = pg.rows, 0, pg.last
	}
}

// close stops the fetcher and drops the page. It is safe to call twice.
func (p *pager[T]) close() {
	p.cancel()
	if p.fetch != nil {
		<-p.fetch
	}
	var zero T
	p.cur, p.row, p.done = nil, zero, true
}
