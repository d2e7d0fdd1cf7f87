# Fixture: Flask "ops" endpoints (command injection). Exercises os.system with concatenation, subprocess with
# shell=True and an f-string, shlex.split of input as the argument list, and the safe forms: an argument list
# with a fixed program and shlex.quote.
# Right answer: ping, lookup and run are command injection; trace and dig are safe.
import os
import shlex
import subprocess

from flask import Blueprint, request

ops = Blueprint("ops", __name__)


@ops.route("/ops/ping", methods=["POST"])
def ping():
    host = request.form["host"]
    status = os.system("ping -c 1 " + host)  # want: command-injection
    return {"status": status}


@ops.route("/ops/lookup")
def lookup():
    domain = request.args.get("domain", "example.com")
    out = subprocess.run(f"nslookup {domain}", shell=True, capture_output=True, text=True)  # want: command-injection
    return out.stdout


@ops.route("/ops/run", methods=["POST"])
def run():
    argv = shlex.split(request.form["command"])
    return subprocess.check_output(argv)  # want: command-injection


@ops.route("/ops/trace")
def trace():
    host = request.args.get("host", "localhost")
    out = subprocess.run(["traceroute", "-m", "5", host], capture_output=True, check=False)  # safe: no shell, fixed program
    return out.stdout


@ops.route("/ops/dig")
def dig():
    domain = request.args.get("domain", "example.com")
    out = subprocess.run(f"dig +short {shlex.quote(domain)}", shell=True, capture_output=True)  # safe: quoted
    return out.stdout
