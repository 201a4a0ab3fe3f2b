// A Go app without go.mod, laid out for a GOPATH as Heroku's Go buildpack built such apps: .godir names its
// import path, which names the binary (greeter, on the PATH, as the Procfile says) and lets it import its own
// package by that path.
package main

import (
	"fmt"
	"log"
	"net/http"
	"os"

	"example.com/greeter/greeting"
)

func main() {
	port := os.Getenv("PORT")
	http.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintln(w, greeting.Message)
	})
	log.Printf("listening on %s", port)
	log.Fatal(http.ListenAndServe(":"+port, nil))
}
