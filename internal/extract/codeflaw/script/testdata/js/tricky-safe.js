// Fixture: handlers that look dangerous but are not. Exercises reassignment to a constant, booleans and
// lengths derived from input, a strict equality allow-list, a regular-expression allow-list, and an API call
// whose URL path (not host) holds input.
// Right answer: no findings.
const express = require("express");
const axios = require("axios");
const { exec } = require("child_process");
const db = require("./db");

const app = express();
const api = axios.create({ baseURL: "https://billing.acme.example", timeout: 2000 });

app.get("/a", async (req, res) => {
  let url = req.query.url;
  url = "https://status.acme.example/health";
  res.json((await axios.get(url)).data); // safe: reassigned to a constant before use
});

app.get("/b", async (req, res) => {
  const verbose = req.query.verbose === "1";
  const n = req.query.items.length;
  exec(`report --verbose=${verbose} --count=${n}`, () => res.end()); // safe: a boolean and a number
});

app.get("/c", async (req, res) => {
  const dir = req.query.dir;
  if (dir !== "asc" && dir !== "desc") {
    return res.status(400).end();
  }
  res.json(await db.query(`SELECT * FROM products ORDER BY price ${dir}`)); // safe: one of two literals
});

app.get("/d/:slug", async (req, res) => {
  const { slug } = req.params;
  if (!/^[a-z0-9-]{1,64}$/.test(slug)) {
    return res.sendStatus(404);
  }
  exec(`cat /srv/pages/${slug}.html`, (err, out) => res.send(out)); // safe: the pattern allows no metacharacters
});

app.get("/e/:customer", async (req, res) => {
  const r = await api.get(`/v1/customers/${encodeURIComponent(req.params.customer)}/invoices`); // safe: a path on a fixed host
  res.json(r.data);
});

module.exports = app;
