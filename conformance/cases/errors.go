package cases

import (
	"database/sql"

	"github.com/soqlgate/soqlgate/catalog"
	sfdriver "github.com/soqlgate/soqlgate/driver"
	"github.com/soqlgate/soqlgate/translator"
)

// Errors: each class of failure with the typed error a caller matches.
// Names are standard objects and fields, so these hold on any org.
var Errors = []QueryTest{
	{
		Name:            "unknown field with a suggestion",
		Query:           `SELECT "Nme" FROM "Account"`,
		ExpectedErr:     translator.ErrUnknownName,
		ExpectedErrText: "did you mean Name",
		Portable:        true,
	},
	{
		Name:            "unknown object with a suggestion",
		Query:           `SELECT "Id" FROM "Acount"`,
		ExpectedErr:     catalog.ErrNotFound,
		ExpectedErrText: "did you mean 'Account'",
		Portable:        true,
	},
	{
		Name:            "syntax error",
		Query:           `SELEC "Id" FROM "Account"`,
		ExpectedErrText: `translator: syntax error: syntax error at or near "SELEC"`,
		Portable:        true,
	},
	{
		Name:            "unsupported construct",
		Query:           `SELECT "Id" FROM "Account" FOR UPDATE`,
		ExpectedErr:     translator.ErrUnsupported,
		ExpectedErrText: "Salesforce has no row locks",
		Portable:        true,
	},
	{
		Name:            "missing parameter value",
		Query:           `SELECT "Id" FROM "Account" WHERE "Name" = $1`,
		ExpectedErrText: "parameter",
		Portable:        true,
	},
	{
		Name:        "named parameters are refused",
		Query:       `SELECT "Id" FROM "Account" WHERE "Name" = $1`,
		Args:        []any{sql.Named("name", "x")},
		ExpectedErr: sfdriver.ErrNamedParameters,
		Portable:    true,
	},
	{
		Name:            "a knob with a bad value",
		Query:           `SELECT "Id" FROM "Account"`,
		Args:            []any{sfdriver.API("soap")},
		ExpectedErrText: `driver: API("soap"): want auto, rest or bulk`,
		Portable:        true,
	},
	{
		Name:        "writes are not run yet",
		Query:       `INSERT INTO "Account" ("Name") VALUES ('x')`,
		ExpectedErr: sfdriver.ErrUnsupported,
		Skip: "engine: INSERT fails in translation with \"translator: unknown object Account\" " +
			"(the write target is not described before translating) instead of the engine's *UnsupportedError",
		Portable: true,
	},
	{
		// Account.Description is a long text area: Salesforce refuses it
		// in WHERE (INVALID_FIELD, "field 'Description' can not be
		// filtered in a query call").
		Name:            "filter on a long text area",
		Query:           `SELECT Id FROM Account WHERE Description = 'x'`,
		ExpectedErrText: "filter",
		Skip:            "emulator: filters on Account.Description (textarea 32000, filterable false in a real org) without error; translator: does not check Filterable either",
		Portable:        true,
	},
	{
		Name:            "unknown report",
		Query:           `{call "No Such Report"}`,
		ExpectedErrText: "No Such Report",
		Portable:        true,
	},
}
