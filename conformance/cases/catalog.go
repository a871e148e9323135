package cases

// CatalogQueries are what BI tools ask before they query: information_schema
// and pg_catalog, answered through database/sql from tables built from
// describe. Names there are lower case (PostgreSQL folds unquoted
// identifiers); the demo org's objects live in schema public.
var CatalogQueries = []QueryTest{
	{
		Name:     "information_schema.tables lists the demo objects",
		Query:    `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name IN ('account', 'case', 'contact', 'nosuchobject') ORDER BY table_name`,
		Ordered:  true,
		Expected: [][]any{{"account"}, {"case"}, {"contact"}},
	},
	{
		Name: "information_schema.columns types fields by the type table",
		Query: `SELECT column_name, data_type, character_maximum_length, numeric_precision, numeric_scale
			FROM information_schema.columns WHERE table_name = 'alldatatype__c'
			AND column_name IN ('col_checkbox__c', 'col_currency__c', 'col_date__c', 'col_datetime__c', 'col_email__c')
			ORDER BY column_name`,
		Ordered: true,
		Expected: [][]any{
			{"col_checkbox__c", "boolean", nil, nil, nil},
			{"col_currency__c", "numeric", nil, int32(18), int32(2)},
			{"col_date__c", "date", nil, nil, nil},
			{"col_datetime__c", "timestamp with time zone", nil, nil, nil},
			{"col_email__c", "character varying", int32(80), nil, nil},
		},
	},
	{
		Name:     "pg_class with a parameter",
		Query:    `SELECT c.relname FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind = 'r' AND c.relname = $1`,
		Args:     []any{"contact"},
		Expected: [][]any{{"contact"}},
	},
}
