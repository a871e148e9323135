package cases

import "fmt"

// The demo org's tables, transcribed from emulator/seed_demo.go, for the
// expectations that span many rows.

// accountNames in creation order: Account(n) is accountNames[n-1].
var accountNames = []string{
	"GenePoint", "United Oil & Gas, UK", "United Oil & Gas, Singapore", "Edge Communications",
	"Burlington Textiles Corp of America", "Pyramid Construction Inc.", "Dickenson plc",
	"Grand Hotels & Resorts Ltd", "Express Logistics and Transport", "University of Arizona",
	"United Oil & Gas Corp.", "sForce", "Sample Account for Entitlements",
}

// demoContact is a contact's first and last name and account name.
type demoContact struct{ first, last, account string }

// contactTable in creation order: Contact(n) is contactTable[n-1].
var contactTable = []demoContact{
	{"Rose", "Gonzalez", "Edge Communications"},
	{"Sean", "Forbes", "Edge Communications"},
	{"Jack", "Rogers", "Burlington Textiles Corp of America"},
	{"Pat", "Stumuller", "Pyramid Construction Inc."},
	{"Andy", "Young", "Dickenson plc"},
	{"Tim", "Barr", "Grand Hotels & Resorts Ltd"},
	{"John", "Bond", "Grand Hotels & Resorts Ltd"},
	{"Stella", "Pavlova", "United Oil & Gas Corp."},
	{"Lauren", "Boyle", "United Oil & Gas Corp."},
	{"Babara", "Levy", "Express Logistics and Transport"},
	{"Josh", "Davis", "Express Logistics and Transport"},
	{"Jane", "Grey", "University of Arizona"},
	{"Arthur", "Song", "United Oil & Gas Corp."},
	{"Ashley", "James", "United Oil & Gas, UK"},
	{"Tom", "Ripley", "United Oil & Gas, Singapore"},
	{"Liz", "D'Cruz", "United Oil & Gas, Singapore"},
	{"Edna", "Frank", "GenePoint"},
	{"Avi", "Green", "United Oil & Gas Corp."},
	{"Siddartha", "Nedaerk", ""},
	{"Jake", "Llorrac", "sForce"},
}

// demoCase is one row of demoCases.
type demoCase struct{ subject, status, priority, origin string }

// demoCaseTable in creation order: Case(i+1) is demoCaseTable[i]; the last
// two (cases 25 and 26) are soft-deleted.
var demoCaseTable = []demoCase{
	{"Starting generator after electrical failure", "Closed", "High", "Phone"},
	{"Performance inadequate for second consecutive week", "Closed", "Medium", "Phone"},
	{"Design issue with mechanical rotor", "Closed", "Low", "Web"},
	{"Electrical surge damaging equipment", "Working", "High", "Email"},
	{"Maintenance guidelines for generator unclear", "New", "Low", "Web"},
	{"Frequent mechanical breakdown", "Escalated", "High", "Phone"},
	{"Electronic panel fitting loose", "Closed", "Medium", "Email"},
	{"Power generation below stated level", "Working", "Medium", "Phone"},
	{"Cannot track our order", "New", "Medium", "Web"},
	{"Shutdown of generator after 6 hours of use", "Escalated", "High", "Phone"},
	{"Generator emits excessive noise", "New", "Low", "Email"},
	{"Seeking guidance on electrical wiring installation for GC5060", "Closed", "Low", "Web"},
	{"Signal problem with remote monitoring panel", "Working", "Medium", "Email"},
	{"Rotor bearing overheating under load", "New", "High", "Phone"},
	{"Fuel consumption higher than specification", "Working", "Medium", "Web"},
	{"Control unit firmware update failed", "Closed", "Medium", "Email"},
	{"Cracked mounting bracket on GC1060", "New", "Medium", "Phone"},
	{"Request for on-site training", "Closed", "Low", "Web"},
	{"Voltage fluctuation during peak hours", "Escalated", "High", "Phone"},
	{"Warranty question about replaced alternator", "Working", "Low", "Email"},
	{"Coolant leak after scheduled maintenance", "New", "High", "Phone"},
	{"Display panel shows wrong runtime hours", "Closed", "Low", "Web"},
	{"Vibration damaging floor anchors", "Working", "Medium", "Email"},
	{"Automatic transfer switch not engaging", "New", "High", "Phone"},
	{"Need documentation for annual inspection", "Closed", "Low", "Web"},
	{"Battery charger fault light on", "Working", "Medium", "Phone"},
}

// demoCaseAccount is the account name of case i (0-based): the account of
// its contact, contactTable[i%18].
func demoCaseAccount(i int) string { return contactTable[i%18].account }

// caseNumber is case n's CaseNumber: 1000+n on eight digits.
func caseNumber(n int) string { return fmt.Sprintf("%08d", 1000+n) }
