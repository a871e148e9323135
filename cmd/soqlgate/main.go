// Command soqlgate is SQL for Salesforce: a local org (emulator), a query
// tool and, later, a Postgres-wire gateway and copy tools. Each verb lives in
// its own file and registers itself in verbs.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"github.com/spf13/cobra"
)

// verbs collects the constructors of the sub-commands; each verb's file
// appends to it from init so that verbs do not touch each other's code.
var verbs []func() *cobra.Command

func newRootCmd() *cobra.Command {
	root := &cobra.Command{
		Use:           "soqlgate",
		Short:         "SQL for Salesforce",
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	for _, v := range verbs {
		root.AddCommand(v())
	}
	return root
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := newRootCmd().ExecuteContext(ctx)
	stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, "soqlgate:", err)
		os.Exit(1)
	}
}
