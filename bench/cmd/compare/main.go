// Command compare runs the JS SDK (@medusajs/js-sdk as bench/js pins it) and
// Go programs using this SDK against one static loopback server that
// answers with the recorded Medusa 2.18.0 responses, N sequential
// `GET /store/products?limit=N` calls each (N = 50, or each of -limits), and prints CPU time per call,
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
		limit  = flag.Int("limit", 50, "products per list call (-client)")
		limits = flag.String("limits", "50", "comma-separated list sizes to compare, each in the same rounds (1, 10, 50, 200)")
		gos    goRunners
	)
	flag.Var(&gos, "go", "a Go runner NAME=BINARY (a build of this command); repeatable; default: this binary")
	flag.Parse()

	var err error
	switch {
	case *serve:
		err = runServer()
	case *client != "":
		err = runClient(*client, *name, *n, *warm, *limit)
	default:
		if len(gos) == 0 {
			self, _ := os.Executable()
			gos = goRunners{{"go-sdk", self}}
		}
		var sizes []int
		for _, f := range strings.Split(*limits, ",") {
			var v int
			if _, err := fmt.Sscan(strings.TrimSpace(f), &v); err != nil || v < 1 {
				fmt.Fprintln(os.Stderr, "compare: bad -limits", *limits)
				os.Exit(2)
			}
			sizes = append(sizes, v)
		}
		err = orchestrate(*node, *script, gos, *n, *warm, *rounds, sizes)
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
func runClient(base, name string, n, warm, limit int) error {
	c, err := medusa.New(base, medusa.WithPublishableKey(bench.PublishableKey))
	if err != nil {
		return err
	}
	ctx := context.Background()
	if _, err := c.Auth.Login(ctx, "customer", "emailpass", medusa.EmailPass{Email: "bench@example.com", Password: "bench"}); err != nil {
		return err
	}
	list := func() error {
		out, err := c.Store.ListProducts(ctx, &store.GetProductsParams{Limit: &limit})
		if err != nil {
			return err
		}
		if len(out.Products) != limit {
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

// callsFor is the number of measured calls for a list size: n when given,
// else about 15 000 products' worth (50 to 1 000 calls).
func callsFor(n, size int) int {
	if n > 0 {
		return n
	}
	return min(1000, max(50, 15000/size))
}

func orchestrate(node, script string, gos goRunners, n, warm, rounds int, sizes []int) error {
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
	fmt.Printf("static server %s; list sizes %v; %d warm-up calls; median of %d rounds, sizes and runners interleaved\n", base, sizes, warm, rounds)

	type runner struct {
		name string
		cmd  func(size int) *exec.Cmd
	}
	runners := []runner{{"js-sdk", func(size int) *exec.Cmd {
		return exec.Command(node, script, base, fmt.Sprint(callsFor(n, size)), fmt.Sprint(warm), fmt.Sprint(size))
	}}}
	for _, g := range gos {
		runners = append(runners, runner{g.name, func(size int) *exec.Cmd {
			return exec.Command(g.bin, "-client", base, "-name", g.name, "-n", fmt.Sprint(callsFor(n, size)), "-warmup", fmt.Sprint(warm), "-limit", fmt.Sprint(size))
		}})
	}
	type key struct {
		runner string
		size   int
	}
	all := map[key][]result{}
	for round := range rounds {
		for _, size := range sizes {
			for _, r := range runners {
				res, err := runOnce(r.cmd(size), r.name, round)
				if err != nil {
					return err
				}
				all[key{r.name, size}] = append(all[key{r.name, size}], res)
			}
		}
	}
	for _, size := range sizes {
		byRunner := map[string][]result{}
		var names []string
		for _, r := range runners {
			names = append(names, r.name)
			byRunner[r.name] = all[key{r.name, size}]
		}
		fmt.Printf("\n%d products per call (%d calls per run)\n", size, callsFor(n, size))
		if err := printTable(names, byRunner); err != nil {
			return err
		}
	}
	for _, r := range runners {
		fmt.Printf("%s: %s\n", r.name, all[key{r.name, sizes[0]}][0].Version)
	}
	return nil
}

func runOnce(cmd *exec.Cmd, name string, round int) (result, error) {
	cmd.Stderr = os.Stderr
	out, err := cmd.Output()
	if err != nil {
		return result{}, fmt.Errorf("%s (round %d): %w", name, round+1, err)
	}
	var res result
	if err := json.Unmarshal(out, &res); err != nil {
		return result{}, fmt.Errorf("%s: %w: %q", name, err, out)
	}
	res.Runner = name
	return res, nil
}

func printTable(names []string, all map[string][]result) error {
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
	for _, name := range names {
		rs := all[name]
		cpu, wall := med(rs, func(r result) float64 { return r.CPUPerCall }), med(rs, func(r result) float64 { return r.WallPerCall })
		rss := med(rs, func(r result) float64 { return float64(r.PeakRSSKB) })
		var each []string
		for _, x := range rs {
			each = append(each, fmt.Sprintf("%.3f", x.CPUPerCall))
		}
		fmt.Fprintf(tw, "%s\t%.3f\t%.3f\t%.1f\t%.2f×\t%.2f×\t%.2f×\t%s\t\n", name, cpu, wall, rss/1024, cpu/jsCPU, wall/jsWall, rss/jsRSS, strings.Join(each, " "))
	}
	return tw.Flush()
}
