// go-hello: Go's net/http with nothing else, the Go counterpart of bench/hummingbird-hello.
//
// It answers GET / with the same fixed JSON body as hummingbird-hello, on net/http's default server
// and ServeMux, with no middleware, no encoder and no logging, so that bench/run.sh can put the
// two frameworks side by side apart from anything the apps add. Standard library only:
//
//	cd bench/go-hello && GO111MODULE=off go build -o /tmp/go-hello .
//	HTTP_HOST=127.0.0.1 HTTP_PORT=9000 /tmp/go-hello
package main

import (
	"fmt"
	"net/http"
	"os"
)

var body = []byte(`{"status":"ok","service":"simple-app"}`)

func main() {
	host, port := os.Getenv("HTTP_HOST"), os.Getenv("HTTP_PORT")
	if host == "" {
		host = "127.0.0.1"
	}
	if port == "" {
		port = "9000"
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		w.Write(body)
	})
	if err := http.ListenAndServe(host+":"+port, mux); err != nil {
		fmt.Fprintln(os.Stderr, "go-hello:", err)
		os.Exit(1)
	}
}
