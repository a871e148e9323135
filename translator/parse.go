package translator

import pg_query "github.com/pganalyze/pg_query_go/v5"

var _ = pg_query.Parse
