// Fixture: an Express link-preview service (SSRF). Exercises query destructuring, axios, fetch, a URL whose
// host is fixed in the code, and a host allow-list that returns before the request.
// Right answer: two SSRF findings (the preview and the unfurl handlers); the avatar and allow-listed
// handlers are safe.
"use strict";

const express = require("express");
const axios = require("axios");
const { URL } = require("url");

const app = express();
const ALLOWED_HOSTS = new Set(["images.acme.example", "cdn.acme.example"]);

app.get("/api/preview", async (req, res) => {
  const { url } = req.query;
  const upstream = await fetch(url, { redirect: "follow" }); // want: ssrf
  res.type(upstream.headers.get("content-type") || "application/octet-stream");
  res.send(Buffer.from(await upstream.arrayBuffer()));
});

app.post("/api/unfurl", async (req, res, next) => {
  try {
    const target = req.body.target;
    const { data } = await axios.get(target, { timeout: 3000 }); // want: ssrf
    res.json({ title: /<title>(.*?)<\/title>/i.exec(data)?.[1] ?? null });
  } catch (err) {
    next(err);
  }
});

app.get("/api/avatar/:user", async (req, res) => {
  const user = encodeURIComponent(req.params.user);
  const r = await fetch(`https://avatars.acme.example/u/${user}.png`); // safe: the host is written in the code
  res.type("png").send(Buffer.from(await r.arrayBuffer()));
});

app.get("/api/image", async (req, res) => {
  let parsed;
  try {
    parsed = new URL(req.query.src);
  } catch {
    return res.status(400).send("bad url");
  }
  if (!ALLOWED_HOSTS.has(parsed.hostname)) {
    return res.status(403).send("host not allowed");
  }
  const r = await axios.get(parsed.toString(), { responseType: "arraybuffer" }); // safe: host allow-list above
  res.send(r.data);
});

module.exports = app;
