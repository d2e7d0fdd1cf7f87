// Fixture: realistic code at the edge of what a within-one-function detector sees. Exercises a sink inside
// a helper the handler calls, a custom validator, a switch used as an allow-list, an options object built
// with a spread, the Host header in a URL, and request input sent only as a JSON body.
// Right answer: the helper's fetch and the two handlers marked want are SSRF; the validated, switched and
// body-only handlers are safe. The detector follows one function at a time, so it misses the helper's
// sink, and it does not know what isAllowedUrl proves (a false positive).
const express = require("express");
const axios = require("axios");
const { exec } = require("child_process");
const { isAllowedUrl } = require("./security");

const app = express();
const DEFAULTS = { timeout: 2000, maxRedirects: 0 };

async function fetchPreview(url) {
  const r = await fetch(url); // want: ssrf
  return r.text();
}

app.get("/preview", async (req, res) => {
  res.send(await fetchPreview(req.query.url));
});

app.get("/checked", async (req, res) => {
  const u = req.query.url;
  if (!isAllowedUrl(u)) {
    return res.sendStatus(400);
  }
  res.send(await (await fetch(u)).text()); // safe: the validator allows only known hosts
});

app.get("/convert", (req, res) => {
  let fmt;
  switch (req.query.format) {
    case "png":
    case "jpg":
      fmt = req.query.format;
      break;
    default:
      return res.status(400).end();
  }
  exec(`convert /tmp/in.pdf /tmp/out.${fmt}`, () => res.end()); // safe: the switch allows two literals
});

app.post("/webhooks/test", async (req, res) => {
  const opts = { ...DEFAULTS, method: "post", url: req.body.url };
  await axios(opts); // want: ssrf
  res.sendStatus(204);
});

app.get("/internal-status", async (req, res) => {
  const r = await fetch(`http://${req.get("host")}/internal/status`); // want: ssrf
  res.json(await r.json());
});

app.post("/render", async (req, res) => {
  const { data } = await axios.post("https://pdf.acme.example/render", { html: req.body.html }); // safe: input is only the body
  res.send(data);
});

module.exports = app;
