package emulator

import "time"

// demoAccount is one of the Developer Edition sample accounts.
type demoAccount struct {
	name, typ, industry, city, state, country, phone, site string
	revenue                                                float64
	employees                                              int64
}

var demoAccounts = []demoAccount{
	{"GenePoint", "Customer - Channel", "Biotechnology", "Mountain View", "CA", "USA", "(650) 867-3450", "", 30000000, 265},
	{"United Oil & Gas, UK", "Customer - Direct", "Energy", "London", "", "United Kingdom", "+44 191 4956203", "", 0, 24000},
	{"United Oil & Gas, Singapore", "Customer - Direct", "Energy", "Singapore", "Singapore", "Singapore", "(650) 450-8810", "", 0, 3000},
	{"Edge Communications", "Customer - Direct", "Electronics", "Austin", "TX", "USA", "(512) 757-6000", "", 139000000, 1000},
	{"Burlington Textiles Corp of America", "Customer - Direct", "Apparel", "Burlington", "NC", "USA", "(336) 222-7000", "", 350000000, 9000},
	{"Pyramid Construction Inc.", "Customer - Channel", "Construction", "Paris", "", "France", "(014) 427-4427", "", 950000000, 2680},
	{"Dickenson plc", "Customer - Channel", "Consulting", "Lawrence", "KS", "USA", "(785) 241-6200", "", 50000000, 120},
	{"Grand Hotels & Resorts Ltd", "Customer - Direct", "Hospitality", "Chicago", "IL", "USA", "(312) 596-1000", "", 500000000, 5600},
	{"Express Logistics and Transport", "Customer - Channel", "Transportation", "Portland", "OR", "USA", "(503) 421-7800", "", 950000000, 12300},
	{"University of Arizona", "Customer - Direct", "Education", "Tucson", "AZ", "USA", "(520) 773-9050", "", 0, 39000},
	{"United Oil & Gas Corp.", "Customer - Direct", "Energy", "New York", "NY", "USA", "(212) 842-5500", "", 5600000000, 145000},
	{"sForce", "", "", "San Francisco", "CA", "US", "(415) 901-7000", "", 0, 0},
	{"Sample Account for Entitlements", "", "", "", "", "", "", "", 0, 0},
}

// demo writes the minimal deterministic demo data: the sample accounts,
// a contact per account and a few cases.
func (sd *seeder) demo() error {
	for i, a := range demoAccounts {
		at := seedEpoch.AddDate(0, -5, i)
		r := row{"Name": a.name, "BillingCity": nz(a.city), "BillingState": nz(a.state), "BillingCountry": nz(a.country),
			"Phone": nz(a.phone), "Type": nz(a.typ), "Industry": nz(a.industry),
			"CustomerId__c": customerID(i + 1)}
		if a.revenue > 0 {
			r["AnnualRevenue"] = a.revenue
		}
		if a.employees > 0 {
			r["NumberOfEmployees"] = a.employees
		}
		acct, err := sd.insert("Account", at, r)
		if err != nil {
			return err
		}
		con, err := sd.insert("Contact", at.Add(time.Hour), row{"AccountId": acct, "FirstName": "Ada", "LastName": "Contact " + a.name,
			"Name": "Ada Contact " + a.name, "ExternalId__c": "C-" + customerID(i+1)})
		if err != nil {
			return err
		}
		if _, err := sd.insert("Case", at.Add(2*time.Hour), row{"AccountId": acct, "ContactId": con,
			"CaseNumber": caseNumber(i + 1), "Subject": "Starting up " + a.name, "Status": "New", "Priority": "Medium", "Origin": "Web"}); err != nil {
			return err
		}
	}
	return nil
}

// scale is filled in by the generator (seed_scale.go).
func (sd *seeder) scale(n int) error { return sd.generate(n) }

func nz(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func customerID(n int) string { return "CUST-" + pad(n, 5) }
func caseNumber(n int) string { return pad(n, 8) }

func pad(n, width int) string {
	s := []byte{}
	for ; n > 0 || len(s) < width; n /= 10 {
		s = append([]byte{byte('0' + n%10)}, s...)
	}
	return string(s)
}
