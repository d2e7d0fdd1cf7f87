// Fixture: a go.mod older than Go 1.17, which lists direct requirements only; scalibr then reads go.sum
// for the rest. Expected: logrus direct (line 8), golang.org/x/sys from go.sum (not required by go.mod, so
// not direct; node and edge at its go.sum line), stdlib 1.16 from the go line.
module github.com/acme/legacy-agent

go 1.16

require github.com/sirupsen/logrus v1.8.1
