// Package translator turns SQL-92 or SOQL text into a Plan.
package translator
