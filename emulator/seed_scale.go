package emulator

import "fmt"

// generate writes n Cases with their Contacts and Accounts.
func (sd *seeder) generate(n int) error {
	return fmt.Errorf("emulator: --scale is not implemented yet")
}
