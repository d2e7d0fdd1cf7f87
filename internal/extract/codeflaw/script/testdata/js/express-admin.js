// Fixture: an internal "ops" router of an Express app (command injection). Exercises exec with a template
// literal, spawn of a shell with -c, execFile without a shell, and an allow-list check with includes().
// Right answer: the ping and backup handlers are command injection; diagnostics, version and status are safe.
const express = require("express");
const { exec, execFile, spawn } = require("child_process");

const router = express.Router();
const SERVICES = ["nginx", "api", "worker"];

router.post("/ops/ping", (req, res) => {
  exec(`ping -c 1 ${req.body.host}`, (err, stdout) => { // want: command-injection
    res.type("text").send(err ? String(err) : stdout);
  });
});

router.post("/ops/backup", (req, res) => {
  const dir = req.query.dir || "/srv/data";
  const child = spawn("sh", ["-c", "tar czf /tmp/backup.tgz " + dir]); // want: command-injection
  child.on("close", (code) => res.json({ code }));
});

router.post("/ops/diagnostics", (req, res) => {
  const host = String(req.body.host);
  execFile("ping", ["-c", "1", host], (err, stdout) => { // safe: no shell, the program is fixed
    res.type("text").send(stdout);
  });
});

router.get("/ops/version", (req, res) => {
  exec("git rev-parse HEAD", (err, stdout) => res.send(stdout.trim())); // safe: a constant command
});

router.get("/ops/status/:service", (req, res) => {
  const svc = req.params.service;
  if (!SERVICES.includes(svc)) {
    return res.sendStatus(404);
  }
  exec(`systemctl status ${svc}`, (err, stdout) => res.type("text").send(stdout)); // safe: allow-listed
});

module.exports = router;
