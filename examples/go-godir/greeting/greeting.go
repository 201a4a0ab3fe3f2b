// Package greeting is imported by the path .godir gives the app.
package greeting

// Message is what the app answers.
const Message = "Hello from Go, built as greeter"
