// Command compare runs the JS SDK (@medusajs/js-sdk 2.18.0, bench/js) and
// Go programs using this SDK against one static loopback server that
// answers with the recorded Medusa 2.18.0 responses, N sequential
// `GET /store/products?limit=50` calls each, and prints CPU time per call,
// wall time per call and peak RSS of each, and their ratio to the JS SDK's.
// bench/compare.sh builds it and runs it; see BENCHMARKS.md.
//
// One binary, three roles:
//
//	compare -serve                 the static server (prints its URL, stops when stdin closes)
//	compare -client URL -n N       one Go run: prints a JSON line like run.mjs does
//	compare [flags]                orchestrates: server, then -rounds rounds of every runner
package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"runtime"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	medusa "github.com/medusa-sdk/medusa-go/v2"
	"github.com/medusa-sdk/medusa-go/v2/bench"
	"github.com/medusa-sdk/medusa-go/v2/gen/store"
	"github.com/medusa-sdk/medusa-go/v2/internal/sdkrt"
)

type result struct {
	Runner      string  `json:"runner"`
	Version     string  `json:"version"`
	Calls       int     `json:"calls"`
	CPUPerCall  float64 `json:"cpu_ms_per_call"`
	WallPerCall float64 `json:"wall_ms_per_call"`
	PeakRSSKB   int64   `json:"peak_rss_kb"`
}

type goRunner struct{ name, bin string }

type goRunners []goRunner

func (g *goRunners) String() string { return fmt.Sprint(*g) }
func (g *goRunners) Set(s string) error {
	name, bin, ok := strings.Cut(s, "=")
	if !ok || name == "" || bin == "" {
		return errors.New("want NAME=BINARY")
	}
	*g = append(*g, goRunner{name, bin})
	return nil
}

func main() {
	var (
		serve  = flag.Bool("serve", false, "run the static server")
		client = flag.String("client", "", "run the Go SDK client against this base URL")
		name   = flag.String("name", "go-sdk", "runner name printed by -client")
		n      = flag.Int("n", 300, "measured calls per run")
		warm   = flag.Int("warmup", 30, "unmeasured calls before each run")
		rounds = flag.Int("rounds", 3, "rounds of every runner (the median is reported)")
		node   = flag.String("node", "node", "node binary")
		script = flag.String("js", "bench/js/run.mjs", "the JS runner")
		gos    goRunners
	)
	flag.Var(&gos, "go", "a Go runner NAME=BINARY (a build of this command); repeatable; default: this binary")
	flag.Parse()

	var err error
	switch {
	case *serve:
		err = runServer()
	case *client != "":
		err = runClient(*client, *name, *n, *warm)
	default:
		if len(gos) == 0 {
			self, _ := os.Executable()
			gos = goRunners{{"go-sdk", self}}
		}
		err = orchestrate(*node, *script, gos, *n, *warm, *rounds)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "compare:", err)
		os.Exit(1)
	}
}

// runServer serves the recorded answers on a free loopback port, prints the
// URL and stops when stdin closes (the orchestrator exits or closes it).
func runServer() error {
	rs, err := bench.Load(bench.Dir())
	if err != nil {
		return err
	}
	st, err := bench.NewStatic(rs)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: st, ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = srv.Serve(ln) }()
	fmt.Printf("http://%s\n", ln.Addr())
	_, _ = io.Copy(io.Discard, os.Stdin)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if n := st.Rejections.Load(); n != 0 {
		fmt.Fprintf(os.Stderr, "static server: rejected %d requests\n", n)
	}
	return srv.Shutdown(ctx)
}

// runClient is the Go side: the full SDK path, as a user would write it.
func runClient(base, name string, n, warm int) error {
	c, err := medusa.New(base, medusa.WithPublishableKey(bench.PublishableKey))
	if err != nil {
		return err
	}
	ctx := context.Background()
	if _, err := c.Auth.Login(ctx, "customer", "emailpass", medusa.EmailPass{Email: "bench@example.com", Password: "bench"}); err != nil {
		return err
	}
	limit := 50
	list := func() error {
		out, err := c.Store.ListProducts(ctx, &store.GetProductsParams{Limit: &limit})
		if err != nil {
			return err
		}
		if len(out.Products) != 50 {
			return fmt.Errorf("got %d products", len(out.Products))
		}
		return nil
	}
	for range warm {
		if err := list(); err != nil {
			return err
		}
	}
	cpu0 := cpuTime()
	t0 := time.Now()
	for range n {
		if err := list(); err != nil {
			return err
		}
	}
	wall := time.Since(t0)
	cpu := cpuTime() - cpu0
	return json.NewEncoder(os.Stdout).Encode(result{
		Runner:      name,
		Version:     fmt.Sprintf("medusa-go, decoder %s, %s %s/%s, GOEXPERIMENT=%s", sdkrt.Backend, runtime.Version(), runtime.GOOS, runtime.GOARCH, goexperiment()),
		Calls:       n,
		CPUPerCall:  float64(cpu) / float64(time.Millisecond) / float64(n),
		WallPerCall: float64(wall) / float64(time.Millisecond) / float64(n),
		PeakRSSKB:   peakRSSKB(),
	})
}

func goexperiment() string {
	if v := os.Getenv("GOEXPERIMENT"); v != "" {
		return v
	}
	if _, x, ok := strings.Cut(runtime.Version(), "X:"); ok {
		return x
	}
	return "default"
}

func orchestrate(node, script string, gos goRunners, n, warm, rounds int) error {
	self, err := os.Executable()
	if err != nil {
		return err
	}
	srv := exec.Command(self, "-serve")
	srv.Stderr = os.Stderr
	stdin, err := srv.StdinPipe()
	if err != nil {
		return err
	}
	stdout, err := srv.StdoutPipe()
	if err != nil {
		return err
	}
	if err := srv.Start(); err != nil {
		return err
	}
	defer func() { stdin.Close(); _ = srv.Wait() }()
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil {
		return fmt.Errorf("static server: %w", err)
	}
	base := strings.TrimSpace(line)
	fmt.Printf("static server %s; %d calls per run after %d warm-up calls; median of %d rounds\n", base, n, warm, rounds)

	type runner struct {
		name string
		cmd  func() *exec.Cmd
	}
	runners := []runner{{"js-sdk", func() *exec.Cmd {
		return exec.Command(node, script, base, fmt.Sprint(n), fmt.Sprint(warm))
	}}}
	for _, g := range gos {
		runners = append(runners, runner{g.name, func() *exec.Cmd {
			return exec.Command(g.bin, "-client", base, "-name", g.name, "-n", fmt.Sprint(n), "-warmup", fmt.Sprint(warm))
		}})
	}
	all := map[string][]result{}
	for round := range rounds {
		for _, r := range runners {
			cmd := r.cmd()
			cmd.Stderr = os.Stderr
			out, err := cmd.Output()
			if err != nil {
				return fmt.Errorf("%s (round %d): %w", r.name, round+1, err)
			}
			var res result
			if err := json.Unmarshal(out, &res); err != nil {
				return fmt.Errorf("%s: %w: %q", r.name, err, out)
			}
			res.Runner = r.name
			all[r.name] = append(all[r.name], res)
		}
	}

	med := func(rs []result, f func(result) float64) float64 {
		v := make([]float64, len(rs))
		for i, r := range rs {
			v[i] = f(r)
		}
		slices.Sort(v)
		return v[len(v)/2]
	}
	js := all["js-sdk"]
	jsCPU, jsWall := med(js, func(r result) float64 { return r.CPUPerCall }), med(js, func(r result) float64 { return r.WallPerCall })
	jsRSS := med(js, func(r result) float64 { return float64(r.PeakRSSKB) })
	tw := tabwriter.NewWriter(os.Stdout, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "runner\tCPU ms/call\twall ms/call\tpeak RSS MB\tCPU ÷ JS\twall ÷ JS\tRSS ÷ JS\tCPU ms/call, every round\t")
	for _, r := range runners {
		rs := all[r.name]
		cpu, wall := med(rs, func(r result) float64 { return r.CPUPerCall }), med(rs, func(r result) float64 { return r.WallPerCall })
		rss := med(rs, func(r result) float64 { return float64(r.PeakRSSKB) })
		var each []string
		for _, x := range rs {
			each = append(each, fmt.Sprintf("%.2f", x.CPUPerCall))
		}
		fmt.Fprintf(tw, "%s\t%.2f\t%.2f\t%.1f\t%.2f×\t%.2f×\t%.2f×\t%s\t\n", r.name, cpu, wall, rss/1024, cpu/jsCPU, wall/jsWall, rss/jsRSS, strings.Join(each, " "))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	for _, r := range runners {
		fmt.Printf("%s: %s\n", r.name, all[r.name][0].Version)
	}
	return nil
}
