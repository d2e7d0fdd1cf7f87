// Package main: an AWS key ID in a Go constant (aws-access-key-id, key awsKeyID).
package main

const awsKeyID = "AKIASUMNLMYTBX2KJQEV"

func main() { _ = awsKeyID }
