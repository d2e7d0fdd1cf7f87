// The webshop storefront: renders the product pages customers see and forwards their orders to the api
// service inside the cluster (API_URL, set in deploy/k8s/storefront.yaml). The Ingress sends "/" here and
// "/api" straight to the api service.
"use strict";

const express = require("express");
const helmet = require("helmet");
const morgan = require("morgan");
const axios = require("axios");

const apiURL = process.env.API_URL || "http://api.shop.svc.cluster.local";
const api = axios.create({ baseURL: apiURL, timeout: 5000 });

const app = express();
app.use(helmet());
app.use(morgan("combined"));
app.use(express.json({ limit: "100kb" }));

app.get("/healthz", (_req, res) => res.sendStatus(204));

app.get("/", async (req, res, next) => {
  try {
    const category = String(req.query.category || "featured");
    const { data } = await api.get("/api/v1/products", { params: { category } });
    res.type("html").send(renderProducts(category, data));
  } catch (err) {
    next(err);
  }
});

app.post("/checkout", async (req, res, next) => {
  try {
    const { data } = await api.post("/api/v1/orders", req.body);
    res.status(201).json(data);
  } catch (err) {
    next(err);
  }
});

function escapeHTML(s) {
  return String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function renderProducts(category, products) {
  const items = products
    .map((p) => `<li>${escapeHTML(p.name)} — ${(p.price_cents / 100).toFixed(2)} EUR</li>`)
    .join("\n");
  return `<!doctype html><title>Acme shop: ${escapeHTML(category)}</title><ul>${items}</ul>`;
}

const port = Number(process.env.PORT || 3000);
app.listen(port, () => console.log(`storefront listening on ${port}`));
