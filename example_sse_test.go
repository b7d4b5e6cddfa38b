package medusa_test

import (
	"context"
	"fmt"
	"log"
	"os"
	"time"

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

// Read any text/event-stream route (a custom route of your app here) for a
// minute: the client's timeout does not cut the stream, the context does.
func ExampleClient_Events() {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	c, err := medusa.New("http://localhost:9000", medusa.WithSecretAPIKey(os.Getenv("MEDUSA_SECRET_KEY")),
		medusa.WithTimeout(10*time.Second))
	if err != nil {
		log.Fatal(err)
	}
	for ev, err := range c.Events(ctx, "/admin/my-app/progress", map[string]any{"job": "import"}) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Printf("%s: %s\n", ev.Name, ev.Data)
	}
}

// The generated stream methods yield the raw events.
func Example_generatedStreamMethod() {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	c, err := medusa.New("http://localhost:9000", medusa.WithSecretAPIKey(os.Getenv("MEDUSA_SECRET_KEY")))
	if err != nil {
		log.Fatal(err)
	}
	for ev, err := range c.Admin.GetWorkflowsExecutionSubscribe(ctx, "create-product-tags") {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(ev.Name, string(ev.Data))
	}
}
