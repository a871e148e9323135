package pgdiff

var corpus = []diffCase{
	{Name: "scan_account", SQL: `SELECT "Id", "Name", "AnnualRevenue", "NumberOfEmployees" FROM "Account"`},
	{Name: "order_name", SQL: `SELECT "Name" FROM "Account" ORDER BY "Name", "Id"`},
	{Name: "join_unrelated", SQL: `SELECT a."Name", c."Subject" FROM "Account" a JOIN "Case" c ON c."SuppliedName" = a."Name"`},
	{Name: "adt", SQL: `SELECT * FROM "AllDataType__c"`},
}
