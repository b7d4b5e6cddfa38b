package medusa_test

import (
	"context"
	"fmt"
	"log"
	"os"

	"github.com/medusa-sdk/medusa-go/v2"
)

// Watch a workflow's executions as the server runs them; cancel the context
// (or break) to stop.
func ExampleClient_SubscribeWorkflow() {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	c, err := medusa.New("http://localhost:9000", medusa.WithSecretAPIKey(os.Getenv("MEDUSA_SECRET_KEY")))
	if err != nil {
		log.Fatal(err)
	}
	for ev, err := range c.SubscribeWorkflow(ctx, "create-product-tags") {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(ev.TransactionID, ev.Type)
		if ev.Type == "onFinish" {
			break
		}
	}
}
