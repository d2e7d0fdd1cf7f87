module example.com/direct

go 1.22

require golang.org/x/net v0.20.0
