package sfapi

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
)

// maxRecordBytes bounds one record of a query page (a record with a few
// long text areas is well under a megabyte).
const maxRecordBytes = 64 << 20

// recordReader cuts the records of a query page's "records" array out of
// the HTTP body, one at a time, into a reused buffer: the array is never
// held whole, and each record is scanned once to find its end and once by
// the recordScanner.
type recordReader struct {
	r     io.Reader
	buf   []byte // unread data is buf[pos:]
	pos   int
	eof   bool
	first bool // no record read yet
}

func newRecordReader(r io.Reader, buf []byte) *recordReader {
	if cap(buf) == 0 {
		buf = make([]byte, 0, 64<<10)
	}
	return &recordReader{r: r, buf: buf[:0], first: true}
}

var errUnexpectedEnd = fmt.Errorf("sfapi: query page: %w", io.ErrUnexpectedEOF)

// next returns the next record's bytes, valid until the following call,
// or end at the closing ']'.
func (rr *recordReader) next() (rec []byte, end bool, err error) {
	for {
		b := rr.buf
		i := skipWS(b, rr.pos)
		if i < len(b) {
			switch c := b[i]; {
			case c == ']':
				rr.pos = i + 1
				return nil, true, nil
			case c == ',' && !rr.first:
				i = skipWS(b, i+1)
			case c != '{' || !rr.first:
				return nil, false, fmt.Errorf("sfapi: query page: unexpected %q in records", c)
			}
		}
		if i < len(b) {
			if b[i] != '{' {
				return nil, false, fmt.Errorf("sfapi: query page: unexpected %q in records", b[i])
			}
			if e, err := skipValue(b, i); err == nil {
				rr.pos, rr.first = e, false
				return b[i:e], false, nil
			}
		}
		if rr.eof {
			return nil, false, errUnexpectedEnd
		}
		if err := rr.fill(); err != nil {
			return nil, false, err
		}
	}
}

// fill moves the unread data to the front and reads more, growing the
// buffer when one record does not fit.
func (rr *recordReader) fill() error {
	if rr.pos > 0 {
		n := copy(rr.buf, rr.buf[rr.pos:])
		rr.buf, rr.pos = rr.buf[:n], 0
	}
	if len(rr.buf) == cap(rr.buf) {
		if cap(rr.buf) >= maxRecordBytes {
			return fmt.Errorf("sfapi: query page: a record is larger than %d bytes", maxRecordBytes)
		}
		nb := make([]byte, len(rr.buf), 2*cap(rr.buf))
		copy(nb, rr.buf)
		rr.buf = nb
	}
	n, err := rr.r.Read(rr.buf[len(rr.buf):cap(rr.buf)])
	rr.buf = rr.buf[:len(rr.buf)+n]
	if errors.Is(err, io.EOF) {
		rr.eof = true
		return nil
	}
	return err
}

// rest returns everything after the records array.
func (rr *recordReader) rest() ([]byte, error) {
	tail, err := io.ReadAll(io.LimitReader(rr.r, 1<<20))
	return append(rr.buf[rr.pos:], tail...), err
}

// finishEnvelope reads the keys after "records" (Salesforce writes
// records last, so this is normally just "}").
func finishEnvelope(p *page, rest []byte) error {
	i := skipWS(rest, 0)
	if i < len(rest) && rest[i] == '}' {
		if j := skipWS(rest, i+1); j != len(rest) {
			return fmt.Errorf("sfapi: query page: data after the envelope")
		}
		return nil
	}
	if i >= len(rest) || rest[i] != ',' {
		return errUnexpectedEnd
	}
	obj := append([]byte{'{'}, rest[i+1:]...)
	var tail struct {
		TotalSize      *json.Number `json:"totalSize"`
		Done           *bool        `json:"done"`
		NextRecordsURL *string      `json:"nextRecordsUrl"`
	}
	if err := json.Unmarshal(obj, &tail); err != nil {
		return fmt.Errorf("sfapi: query page: %w", err)
	}
	if tail.TotalSize != nil {
		n, err := tail.TotalSize.Int64()
		if err != nil {
			return fmt.Errorf("sfapi: query totalSize %q: %w", *tail.TotalSize, err)
		}
		p.total = int(n)
	}
	if tail.Done != nil {
		p.done = *tail.Done
	}
	if tail.NextRecordsURL != nil {
		p.next = *tail.NextRecordsURL
	}
	return nil
}
